package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.ingest.FilesLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.test.ModelTester;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The car-telemetry example end to end: generated readings, the example's loader settings, its
 * models.
 */
class CarTelemetryPipelineTest {
  private static final LocalDateTime MORNING = LocalDateTime.of(2025, 11, 15, 8, 0);
  private static final LocalDateTime EVENING = LocalDateTime.of(2025, 11, 15, 18, 0);

  @TempDir Path directory;
  private Lakehouse lake;
  private FilesSourceConfig source;
  private Path landing;
  private final CarTelemetryGenerator generator = new CarTelemetryGenerator(7, 5, 3);

  @BeforeEach
  void open() throws IOException {
    Path example = Examples.project("car-telemetry");
    Map<String, String> environment =
        Map.of(
            "LAGOA_CATALOG_URI",
            "jdbc:sqlite:" + directory.resolve("warehouse/catalog.db"),
            "LAGOA_WAREHOUSE",
            directory.resolve("warehouse").toString());
    ProjectConfig config =
        new ProjectConfigLoader(environment::get)
            .parse(directory, "lagoa.yaml", Files.readString(example.resolve("lagoa.yaml")));
    source = (FilesSourceConfig) config.sources().get("car_readings");
    landing = Files.createDirectories(source.directory());
    lake = new Lakehouse(directory.resolve("warehouse")); // the catalog the environment above names
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private ModelRunReport loadAndRun() {
    new FilesLoader(lake.catalog, lake.engine, Clock.systemUTC(), 1)
        .load(source, LoadListener.NONE);
    ModelRunReport report =
        lake.runner()
            .run(ModelProject.load(Examples.project("car-telemetry")), Selection.all(), false);
    assertThat(report.succeeded()).as(report.summary()).isTrue();
    return report;
  }

  @Test
  void generatedReadingsLoadedByTheLoaderConsolidateToOneRowPerCarAndDay() {
    String car = generator.chassisIds().get(0);
    generator.writeOnePerFile(landing, 60);
    generator.writeOnePerFile(landing, List.of(generator.reading(car, 4321, MORNING)));
    loadAndRun();
    generator.writeOnePerFile(landing, List.of(generator.reading(car, 8500, EVENING)));

    ModelRunReport second = loadAndRun();

    assertThat(
            lake.query(
                "silver.car_readings",
                "SELECT CAST(currentMileage AS BIGINT) FROM {t} WHERE carChassis = '"
                    + car
                    + "' AND event_date = DATE '2025-11-15'"))
        .containsExactly("8500");
    assertThat(second.result("car_readings").orElseThrow().rowsIn()).isEqualTo(1);
    long carDays =
        Long.parseLong(
            lake.query(
                    "bronze.car_readings",
                    "SELECT count(DISTINCT (carChassis, CAST(strptime(metrics.metricTimestamp, '%a, %d %b %Y %H:%M:%S') AS DATE))) FROM {t}")
                .get(0));
    assertThat(lake.query("silver.car_readings", "SELECT count(*) FROM {t}"))
        .containsExactly(Long.toString(carDays));
    assertThat(
            new ModelTester(lake.engine, lake.catalog)
                .test(ModelProject.load(Examples.project("car-telemetry")), Selection.all())
                .passed())
        .isTrue();
  }
}
