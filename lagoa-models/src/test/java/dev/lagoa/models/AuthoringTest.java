package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.Relations;
import dev.lagoa.models.project.ModelProject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a model author sees when a model is wrong, changed, or checks itself. */
class AuthoringTest {
  @TempDir Path directory;
  private Lakehouse lake;
  private ProjectFiles files;

  @BeforeEach
  void open() {
    lake = new Lakehouse(directory.resolve("warehouse"));
    files = new ProjectFiles(directory.resolve("project"));
    lake.append(
        "bronze.readings",
        "SELECT * FROM (VALUES (1, 'C1', 100, 'red'), (2, 'C1', 150, 'blue'), (3, 'C2', -5,"
            + " 'green')) AS t(id, chassis, mileage, color)");
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private ModelProject project() {
    return ModelProject.read(files.directory());
  }

  @Test
  void oneBrokenModelOfFiveIsReportedAndSkippedWithItsDescendantsAndTheOthersBuild() {
    files
        .model(
            "silver/readings.sql",
            "SELECT id, chassis, mileage FROM {{ source('bronze', 'readings') }}")
        .model("silver/colors.sql", "SELECT DISTINCT color FROM {{ source('bronze', 'readings') }}")
        .model(
            "gold/by_chassis.sql",
            "SELECT chassis, max(mileage) AS mileage\nFROM {{ ref('readings') }}\nGROUP BY chassis")
        .model("gold/broken.sql", "SELECT chassis,\n  milage\nFROM {{ ref('readings') }}")
        .model("gold/after_broken.sql", "SELECT * FROM {{ ref('broken') }}");

    ModelRunReport report = lake.runner().run(project(), Selection.all(), RunOptions.defaults());

    assertThat(report.results())
        .extracting(ModelResult::model, ModelResult::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("broken", ModelStatus.FAILED),
            org.assertj.core.groups.Tuple.tuple("after_broken", ModelStatus.SKIPPED),
            org.assertj.core.groups.Tuple.tuple("colors", ModelStatus.BUILT),
            org.assertj.core.groups.Tuple.tuple("readings", ModelStatus.BUILT),
            org.assertj.core.groups.Tuple.tuple("by_chassis", ModelStatus.BUILT));
    assertThat(report.result("broken").orElseThrow().message())
        .isEqualTo(
            "does not compile:\n    models/gold/broken.sql:2:3: column milage does not exist in"
                + " silver.readings (did you mean mileage?)");
    assertThat(report.result("after_broken").orElseThrow().message())
        .isEqualTo("upstream model broken failed");
    assertThat(
            lake.query("gold.by_chassis", "SELECT chassis || ':' || mileage FROM {t} ORDER BY 1"))
        .containsExactly("C1:150", "C2:-5");
  }

  @Test
  void aModelWithBrokenSettingsIsSkippedAndTheOthersStillBuildAndAreQueryable() {
    files
        .model(
            "silver/readings.sql",
            "SELECT id, chassis, mileage FROM {{ source('bronze', 'readings') }}")
        .model(
            "silver/broken.sql",
            "/* lagoa:\nmaterialized: incremental\n  unique_key: id\n*/\nSELECT * FROM {{ ref('readings') }}");

    ModelRunReport report = lake.runner().run(project(), Selection.all(), RunOptions.defaults());
    List<String> defined = new Relations(project(), lake.catalog, lake.engine).defineAll();

    assertThat(report.result("readings").orElseThrow().status()).isEqualTo(ModelStatus.BUILT);
    assertThat(report.result("broken").orElseThrow().message())
        .isEqualTo(
            "does not compile:\n    models/silver/broken.sql:3:3: this line is indented"
                + " differently from the line above it (or holds ': ' in an unquoted value; quote"
                + " the value)");
    assertThat(defined).containsExactly("silver.readings");
    assertThat(lake.engine.queryLong("SELECT count(*) FROM silver.readings")).isEqualTo(3);
  }

  @Test
  void aCustomTestWithThisInTheHeaderRunsOnTheFirstBuild() {
    files.model(
        "silver/readings.sql",
        """
        /* lagoa:
        tests:
          - name: no_negative_mileage
            sql: SELECT * FROM {{ this }} WHERE mileage < 0
            severity: warn
        */
        SELECT id, chassis, mileage FROM {{ source('bronze', 'readings') }}
        """);

    ModelRunReport report = lake.runner().run(project(), Selection.all(), RunOptions.defaults());

    ModelResult result = report.result("readings").orElseThrow();
    assertThat(result.status()).as(report.summary()).isEqualTo(ModelStatus.BUILT);
    assertThat(result.tests()).hasSize(1);
    assertThat(result.tests().get(0).failingRows()).isEqualTo(1);
  }

  @Test
  void expectationCountsAreTakenAfterTheModelsDeduplicationAndSayWhereTheRowsAre() {
    files.model(
        "silver/latest.sql",
        """
        /* lagoa:
        unique_key: chassis
        order_by: mileage DESC
        expectations:
          - {name: positive_mileage, expect: mileage > 0}
          - {name: known_color, expect: "color IN ('red', 'green')"}
        */
        SELECT chassis, mileage, color FROM {{ source('bronze', 'readings') }}
        """);

    ModelRunReport report = lake.runner().run(project(), Selection.all(), RunOptions.defaults());

    assertThat(report.summary())
        .contains(
            "\n    expectation positive_mileage (mileage > 0, warn): failed for 1 of 2 rows after"
                + " deduplication by unique_key; rows kept, see them with: lagoa sql \"SELECT *"
                + " FROM silver.latest WHERE NOT coalesce((mileage > 0), false)\"\n"
                + "    expectation known_color (color IN ('red', 'green'), warn): failed for 1 of 2"
                + " rows after deduplication by unique_key; rows kept, see them with: lagoa sql"
                + " \"SELECT * FROM silver.latest WHERE NOT coalesce((color IN ('red', 'green')),"
                + " false)\"");
  }

  @Test
  void aChangedIncrementalModelSaysItsRowsKeepTheOldDefinitionAndStatusListsItAsStale() {
    String model =
        """
        /* lagoa:
        materialized: incremental
        expectations:
          - {name: positive_mileage, expect: mileage > %d}
        */
        SELECT id, mileage FROM {{ source('bronze', 'readings') }}
        """;
    files.model("silver/readings.sql", model.formatted(0));
    lake.runner().run(project(), Selection.all(), RunOptions.defaults());
    files.model("silver/readings.sql", model.formatted(10));

    List<ModelFreshness.Entry> status = new ModelFreshness(lake.catalog, lake.engine).of(project());
    ModelRunReport report = lake.runner().run(project(), Selection.all(), RunOptions.defaults());

    assertThat(status)
        .extracting(ModelFreshness.Entry::model, ModelFreshness.Entry::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("readings", ModelFreshness.State.STALE_DEFINITION));
    assertThat(report.result("readings").orElseThrow().message())
        .isEqualTo(
            "up to date: no new rows in bronze.readings; the model's SQL, settings or expectations"
                + " changed since the rows in silver.readings were built: those rows keep the old"
                + " definition (run lagoa run --select readings --full-refresh to rebuild them"
                + " all)");
  }

  @Test
  void isoTimestampsWithAZoneParseToUtcAsTheReadmeShows() {
    lake.append(
        "bronze.events",
        "SELECT * FROM (VALUES (1, '2025-10-29T11:00:00Z'), (2, '2025-10-29T13:30:00+02:00'),"
            + " (3, 'yesterday')) AS t(id, happened_at)");
    files.model(
        "silver/events.sql",
        """
        SELECT
          id,
          to_timestamp(replace(happened_at, 'Z', '+00:00'), 'yyyy-MM-dd''T''HH:mm:ssXXX') AS happened_at,
          CAST(to_timestamp(replace(happened_at, 'Z', '+00:00'), 'yyyy-MM-dd''T''HH:mm:ssXXX') AS DATE) AS event_date
        FROM {{ source('bronze', 'events') }}
        """);

    ModelRunReport report = lake.runner().run(project(), Selection.all(), RunOptions.defaults());

    assertThat(report.succeeded()).as(report.summary()).isTrue();
    assertThat(
            lake.query(
                "silver.events",
                "SELECT id || ' ' || coalesce(CAST(happened_at AS VARCHAR), 'NULL') || ' ' ||"
                    + " coalesce(CAST(event_date AS VARCHAR), 'NULL') FROM {t} ORDER BY id"))
        .containsExactly(
            "1 2025-10-29 11:00:00 2025-10-29", "2 2025-10-29 11:30:00 2025-10-29", "3 NULL NULL");
  }

  @Test
  void statusListsAModelWhoseInputHasNewRows() {
    files.model(
        "silver/readings.sql", "SELECT id, mileage FROM {{ source('bronze', 'readings') }}");
    lake.runner().run(project(), Selection.all(), RunOptions.defaults());
    long before = lake.table("bronze.readings").currentSnapshot().snapshotId();
    lake.append("bronze.readings", "SELECT 4 AS id, 'C3' AS chassis, 7 AS mileage, 'red' AS color");
    long after = lake.table("bronze.readings").currentSnapshot().snapshotId();

    List<ModelFreshness.Entry> status = new ModelFreshness(lake.catalog, lake.engine).of(project());

    assertThat(status.get(0).detail())
        .isEqualTo(
            "new data in bronze.readings (snapshot "
                + before
                + " -> "
                + after
                + ") since its last build (lagoa run)");
  }
}
