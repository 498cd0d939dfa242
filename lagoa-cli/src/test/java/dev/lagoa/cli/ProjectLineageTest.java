package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.runtime.ProjectLineage;
import dev.lagoa.runtime.ProjectLineage.Edge;
import dev.lagoa.runtime.ProjectLineage.Stage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lineage the console's overview draws, read from the shipped examples' configuration. */
class ProjectLineageTest {
  private static ProjectLineage lineageOf(String example) {
    Path directory = Path.of("..", "examples", example).toAbsolutePath().normalize();
    ProjectConfig config = new ProjectConfigLoader(Map.<String, String>of()::get).load(directory);
    return ProjectLineage.of(config, ModelProject.read(directory));
  }

  @Test
  void theBooksLineageRunsFromTheWebSourceThroughLandingAndModelsToTheApiResource() {
    ProjectLineage lineage = lineageOf("books");

    assertThat(lineage.nodes())
        .extracting(ProjectLineage.Node::id, ProjectLineage.Node::stage)
        .contains(
            tuple("source:books_web", Stage.SOURCE),
            tuple("table:staging.books_raw", Stage.LOADED_TABLE),
            tuple("table:gold.books", Stage.MODEL_TABLE),
            tuple("resource:books", Stage.API_RESOURCE));
    assertThat(lineage.nodes()).filteredOn(n -> n.stage() == Stage.LANDING).hasSize(1);
    String landing =
        lineage.nodes().stream()
            .filter(n -> n.stage() == Stage.LANDING)
            .findFirst()
            .orElseThrow()
            .id();
    assertThat(lineage.edges())
        .contains(
            new Edge("source:books_web", landing),
            new Edge(landing, "table:staging.books_raw"),
            new Edge("table:staging.books_raw", "table:gold.books"),
            new Edge("table:gold.books", "resource:books"));
    assertThat(lineage.nodes())
        .filteredOn(n -> n.id().equals("source:books_web"))
        .extracting(ProjectLineage.Node::step)
        .containsExactly("scrape books_web");
  }

  @Test
  void carTelemetryIsOnePipelineFromItsFilesThroughSilverToFourGoldTables() {
    ProjectLineage lineage = lineageOf("car-telemetry");

    assertThat(lineage.pipelines()).hasSize(1);
    assertThat(lineage.nodes())
        .filteredOn(n -> n.stage() == Stage.SOURCE)
        .extracting(ProjectLineage.Node::label, ProjectLineage.Node::detail)
        .containsExactly(tuple("car_readings", "files (json)"));
    assertThat(lineage.parents("table:silver.car_readings"))
        .containsExactly("table:bronze.car_readings");
    assertThat(lineage.edges())
        .filteredOn(e -> e.from().equals("table:silver.car_readings"))
        .extracting(Edge::to)
        .containsExactlyInAnyOrder(
            "table:gold.car_latest_state",
            "table:gold.fuel_efficiency_by_car",
            "table:gold.fuel_efficiency_by_model",
            "table:gold.temperature_alerts");
  }
}
