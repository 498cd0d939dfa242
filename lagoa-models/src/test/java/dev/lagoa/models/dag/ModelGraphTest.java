package dev.lagoa.models.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.models.project.ModelProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelGraphTest {
  @TempDir Path directory;

  private void write(String name, String sql) throws IOException {
    Files.createDirectories(directory.resolve("models"));
    Files.writeString(directory.resolve("models").resolve(name + ".sql"), sql);
  }

  @Test
  void aRefCycleIsReportedNamingTheModelsInOrder() throws IOException {
    write("a", "SELECT * FROM {{ ref('c') }}");
    write("b", "SELECT * FROM {{ ref('a') }}");
    write("c", "SELECT * FROM {{ ref('b') }}");
    write("d", "SELECT * FROM {{ source('bronze', 'x') }}");

    assertThatThrownBy(() -> ModelProject.load(directory))
        .isInstanceOf(LagoaException.class)
        .hasMessage(
            "Cannot order the models: they form a cycle, each reading the next: a -> c -> b -> a");
  }

  @Test
  void aRefToAMissingModelIsReportedAtTheRefWithTheClosestName() throws IOException {
    write("a", "SELECT *\nFROM {{ ref('stg_moviez') }}");
    write("stg_movies", "SELECT 1 AS movieId");

    assertThatThrownBy(() -> ModelProject.load(directory))
        .hasMessage(
            "Invalid models in "
                + directory.resolve("models")
                + ":\n  - models/a.sql:2:6: ref('stg_moviez') names no model (did you mean"
                + " stg_movies?)");
  }

  @Test
  void modelsRunAfterWhatTheyReadAndSelectionsAddDescendantsOrAncestors() throws IOException {
    write("raw_copy", "SELECT * FROM {{ source('bronze', 'x') }}");
    write("clean", "SELECT * FROM {{ ref('raw_copy') }}");
    write("daily", "SELECT * FROM {{ ref('clean') }}");
    write("report", "SELECT * FROM {{ ref('daily') }} JOIN {{ ref('clean') }} USING (id)");
    write("other", "SELECT 1 AS id");
    ModelGraph graph = ModelProject.load(directory).graph();

    assertThat(graph.order()).containsExactly("other", "raw_copy", "clean", "daily", "report");
    assertThat(graph.select(Selection.parse("clean+"))).containsExactly("clean", "daily", "report");
    assertThat(graph.select(Selection.parse("+daily")))
        .containsExactly("raw_copy", "clean", "daily");
    assertThat(graph.select(Selection.parse("other, daily"))).containsExactly("other", "daily");
    assertThat(graph.select(Selection.all())).hasSize(5);
    assertThatThrownBy(() -> graph.select(Selection.parse("dialy+")))
        .hasMessage(
            "Cannot select dialy+: there is no model dialy; the models are [clean, daily, other, raw_copy, report]");
  }
}
