package dev.lagoa.models.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PartitionField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelProjectTest {
  @TempDir Path directory;

  private void write(String relative, String text) throws IOException {
    Path file = directory.resolve("models").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void settingsComeFromAHeaderBlockAndTheTableFromTheFolder() throws IOException {
    write(
        "silver/cars.sql",
        """
        /* lagoa:
        materialized: incremental
        unique_key: [carChassis, event_date]
        order_by: currentMileage DESC
        partition_by: [event_date]
        write_mode: overwrite_partitions
        */
        SELECT * FROM {{ source('bronze', 'car_readings') }};
        """);

    Model model = ModelProject.load(directory).model("cars");

    assertThat(model.config())
        .isEqualTo(
            new ModelConfig(
                Materialization.INCREMENTAL,
                "silver.cars",
                List.of("carChassis", "event_date"),
                List.of("currentMileage DESC"),
                List.of(PartitionField.parse("event_date")),
                WriteStrategy.OVERWRITE_PARTITIONS,
                List.of(),
                List.of(),
                List.of()));
    assertThat(model.file()).isEqualTo("models/silver/cars.sql");
  }

  @Test
  void settingsComeFromYamlFilesWithTestsAndExpectations() throws IOException {
    write("staging/stg_movies.sql", "SELECT * FROM {{ source('movielens', 'movies') }}");
    write("stg_ratings.sql", "SELECT * FROM {{ source('movielens', 'ratings') }}");
    write(
        "schema.yml",
        """
        sources:
          movielens:
            namespace: bronze
            tables: {ratings: raw.all_ratings}
        models:
          stg_movies:
            materialized: view
            tests:
              - not_null: [movieId, title]
              - unique: movieId
              - accepted_values: {column: genres, values: [Drama, Comedy]}
                severity: warn
          stg_ratings:
            table: gold.ratings
            expectations:
              - {name: in_range, expect: rating BETWEEN 0.5 AND 5, on_failure: drop}
            tests:
              - relationships: {column: movieId, to: stg_movies}
              - name: recent
                sql: SELECT * FROM {{ this }} WHERE timestamp < 0
        """);

    ModelProject project = ModelProject.load(directory);

    assertThat(project.model("stg_movies").config().table()).isEqualTo("staging.stg_movies");
    assertThat(project.model("stg_movies").config().tests())
        .containsExactly(
            new ModelTestDefinition.NotNull(
                "not_null_stg_movies_movieId", "movieId", Severity.ERROR),
            new ModelTestDefinition.NotNull("not_null_stg_movies_title", "title", Severity.ERROR),
            new ModelTestDefinition.Unique(
                "unique_stg_movies_movieId", List.of("movieId"), Severity.ERROR),
            new ModelTestDefinition.AcceptedValues(
                "accepted_values_stg_movies_genres",
                "genres",
                List.of("Drama", "Comedy"),
                Severity.WARN));
    ModelConfig ratings = project.model("stg_ratings").config();
    assertThat(ratings.table()).isEqualTo("gold.ratings");
    assertThat(ratings.expectations())
        .containsExactly(
            new Expectation("in_range", "rating BETWEEN 0.5 AND 5", ExpectationAction.DROP));
    assertThat(ratings.tests())
        .containsExactly(
            new ModelTestDefinition.Relationships(
                "relationships_stg_ratings_movieId__stg_movies_movieId",
                "movieId",
                "stg_movies",
                "movieId",
                Severity.ERROR),
            new ModelTestDefinition.Sql(
                "recent", "SELECT * FROM {{ this }} WHERE timestamp < 0", Severity.ERROR));
    assertThat(project.sourceTable("movielens", "ratings")).isEqualTo("raw.all_ratings");
    assertThat(project.sourceTable("movielens", "movies")).isEqualTo("bronze.movies");
    assertThat(project.sourceTable("bronze", "car_readings")).isEqualTo("bronze.car_readings");
  }

  @Test
  void everyConfigurationProblemIsReportedAtOnceWithItsFileAndPath() throws IOException {
    write("a.sql", "SELECT 1 AS x");
    write(
        "b.sql",
        """
        /* lagoa:
        materialized: incremental
        write_mode: merge
        */
        SELECT 1 AS x
        """);
    write(
        "schema.yml",
        """
        models:
          a:
            materialized: snapshot
            table: no_namespace
            unique_key: ['']
            expectations:
              - {name: e, expect: x > 0, on_failure: explode}
            tests:
              - {unique: x, not_null: x}
            colour: blue
          b:
            table: silver.b
          ghost:
            materialized: table
        """);

    assertThatThrownBy(() -> ModelProject.load(directory))
        .isInstanceOf(LagoaException.class)
        .satisfies(
            e -> assertThat(((LagoaException) e).category()).isEqualTo(ErrorCategory.USER_INPUT))
        .hasMessage(
            """
            Invalid models in %s:
              - models/schema.yml:11:3: model b is also configured in models/b.sql
              - models/schema.yml:13:3: models.ghost is configured but there is no models/**/ghost.sql
              - models/schema.yml:3:19: models.a.materialized was 'snapshot' but it must be one of view, table, incremental
              - models/schema.yml:4:12: models.a.table was 'no_namespace' but it must be namespace.name
              - models/schema.yml:5:17: models.a.unique_key holds a blank value but each must name a column or expression
              - models/schema.yml:7:46: models.a.expectations[0].on_failure was 'explode' but it must be one of warn, drop, fail
              - models/schema.yml:9:9: models.a.tests[0] names not_null and unique but each test must be exactly one of not_null, unique, accepted_values, relationships, sql
              - models/schema.yml:10:13: models.a.colour is not a known setting
              - models/b.sql:3:13: write_mode was 'merge' but merging needs a unique_key"""
                .formatted(directory.resolve("models")));
  }

  @Test
  void partitionTransformsAreCheckedWhenTheModelsAreReadWithTheirPathAndValue() throws IOException {
    write("silver.sql", "SELECT 1 AS x");
    write(
        "schema.yml",
        """
        models:
          silver:
            partition_by: [x, "bucket(16, x)", "truncate(x)"]
        """);

    assertThatThrownBy(() -> ModelProject.load(directory))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "models.silver.partition_by[1] was 'bucket(16, x)' but bucket partitions are not"
                + " supported")
        .hasMessageContaining(
            "models.silver.partition_by[2] was 'truncate(x)' but truncate needs a column and a"
                + " width of at least 1, e.g. truncate(x, 4)");
  }

  @Test
  void aPlaceholderOtherThanRefSourceOrThisIsAnErrorWithItsLine() throws IOException {
    write("a.sql", "SELECT 1\nFROM {{ var('x') }}");

    assertThatThrownBy(() -> ModelProject.load(directory))
        .hasMessageContaining(
            "models/a.sql:2:6: {{ var('x') }} is not supported, expected {{ ref('model') }},"
                + " {{ source('source', 'table') }} or {{ this }}");
  }

  @Test
  void twoModelsWithTheSameNameAreAnError() throws IOException {
    write("silver/cars.sql", "SELECT 1");
    write("gold/cars.sql", "SELECT 2");

    assertThatThrownBy(() -> ModelProject.load(directory))
        .hasMessageContaining(
            "models/silver/cars.sql: model cars is also defined by models/gold/cars.sql");
  }
}
