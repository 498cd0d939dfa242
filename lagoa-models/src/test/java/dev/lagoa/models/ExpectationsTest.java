package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.expect.ExpectationResult;
import dev.lagoa.models.expect.Quarantine;
import dev.lagoa.models.project.ExpectationAction;
import dev.lagoa.models.project.ModelProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationsTest {
  private static final String HEADER =
      """
      /* lagoa:
      materialized: incremental
      table: silver.readings
      expectations:
        - name: positive_mileage
          expect: mileage > 0
          on_failure: %s
        - name: known_color
          expect: color IN ('red', 'blue')
          on_failure: warn
      */
      SELECT id, mileage, color FROM {{ source('bronze', 'readings') }}
      """;

  @TempDir Path directory;
  private Lakehouse lake;

  @BeforeEach
  void open() {
    lake = new Lakehouse(directory.resolve("warehouse"));
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private ModelProject project(String onFailure) {
    return ModelProject.load(
        new ProjectFiles(directory.resolve("project-" + onFailure))
            .model("readings.sql", HEADER.formatted(onFailure))
            .directory());
  }

  private void land(String values) {
    lake.append(
        "bronze.readings", "SELECT * FROM (VALUES " + values + ") AS t(id, mileage, color)");
  }

  @Test
  void aFailingFailExpectationStopsTheModelNamingItAndASampleRow() {
    land("(1, 100, 'red'), (2, -5, 'blue')");

    ModelRunReport report = lake.runner().run(project("fail"), Selection.all(), false);

    ModelResult result = report.result("readings").orElseThrow();
    assertThat(result.status()).isEqualTo(ModelStatus.FAILED);
    assertThat(result.message())
        .isEqualTo(
            "Cannot build model readings: expectation positive_mileage (mileage > 0) failed for 1 of 2 rows,"
                + " for example {\"id\":2,\"mileage\":-5,\"color\":\"blue\"}");
    assertThat(report.succeeded()).isFalse();
    assertThat(lake.catalog.find("silver.readings")).isEmpty();
  }

  @Test
  void droppedRowsGoToQuarantineWithTheExpectationAndAreCounted() {
    land("(1, 100, 'red'), (2, -5, 'blue'), (3, 0, 'green')");

    ModelRunReport report = lake.runner().run(project("drop"), Selection.all(), false);

    ModelResult result = report.result("readings").orElseThrow();
    assertThat(result.status()).as(report.summary()).isEqualTo(ModelStatus.BUILT);
    assertThat(result.rowsDropped()).isEqualTo(2);
    assertThat(result.rowsOut()).isEqualTo(1);
    assertThat(result.expectations())
        .containsExactly(
            new ExpectationResult(
                "positive_mileage",
                "mileage > 0",
                ExpectationAction.DROP,
                2,
                3,
                false,
                "SELECT row_json FROM quarantine.model_rows WHERE model = 'readings' AND"
                    + " expectation = 'positive_mileage' ORDER BY quarantined_at DESC"),
            new ExpectationResult(
                "known_color",
                "color IN ('red', 'blue')",
                ExpectationAction.WARN,
                1,
                3,
                false,
                "SELECT * FROM silver.readings WHERE NOT coalesce((color IN ('red', 'blue')),"
                    + " false)"));
    assertThat(lake.query("silver.readings", "SELECT id FROM {t}")).containsExactly("1");
    assertThat(
            lake.query(
                Quarantine.TABLE,
                "SELECT concat_ws(' ', model, table_name, expectation, row_json) FROM {t} ORDER BY row_json"))
        .containsExactly(
            "readings silver.readings positive_mileage {\"id\":2,\"mileage\":-5,\"color\":\"blue\"}",
            "readings silver.readings positive_mileage {\"id\":3,\"mileage\":0,\"color\":\"green\"}");
    assertThat(report.summary())
        .contains(
            "\n    expectation positive_mileage (mileage > 0, drop): failed for 2 of 3 rows; rows"
                + " dropped to quarantine, see them with: lagoa sql \"SELECT row_json FROM"
                + " quarantine.model_rows WHERE model = 'readings' AND expectation ="
                + " 'positive_mileage' ORDER BY quarantined_at DESC\"\n"
                + "    expectation known_color (color IN ('red', 'blue'), warn): failed for 1 of 3"
                + " rows; rows kept, see them with: lagoa sql \"SELECT * FROM silver.readings"
                + " WHERE NOT coalesce((color IN ('red', 'blue')), false)\"");
  }

  @Test
  void aRowFailingTwoDropExpectationsIsQuarantinedOnceForEachAndCountedByEach() {
    land("(1, 100, 'red'), (2, -5, 'green'), (3, 0, 'red'), (4, 50, 'green')");
    ModelProject project =
        ModelProject.load(
            new ProjectFiles(directory.resolve("project-two-drops"))
                .model(
                    "readings.sql",
                    """
                    /* lagoa:
                    materialized: table
                    table: silver.readings
                    expectations:
                      - name: positive_mileage
                        expect: mileage > 0
                        on_failure: drop
                      - name: known_color
                        expect: color IN ('red', 'blue')
                        on_failure: drop
                    */
                    SELECT id, mileage, color FROM {{ source('bronze', 'readings') }}
                    """)
                .directory());

    ModelRunReport report = lake.runner().run(project, Selection.all(), false);

    ModelResult result = report.result("readings").orElseThrow();
    assertThat(result.status()).as(report.summary()).isEqualTo(ModelStatus.BUILT);
    assertThat(result.rowsDropped()).isEqualTo(3);
    assertThat(result.expectations())
        .extracting(
            ExpectationResult::name, ExpectationResult::failedRows, ExpectationResult::checkedRows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("positive_mileage", 2L, 4L),
            org.assertj.core.groups.Tuple.tuple("known_color", 2L, 4L));
    assertThat(lake.query("silver.readings", "SELECT id FROM {t}")).containsExactly("1");
    assertThat(
            lake.query(
                Quarantine.TABLE,
                "SELECT expectation || ' ' || condition || ' ' || row_json FROM {t} ORDER BY ALL"))
        .containsExactly(
            "known_color color IN ('red', 'blue') {\"id\":2,\"mileage\":-5,\"color\":\"green\"}",
            "known_color color IN ('red', 'blue') {\"id\":4,\"mileage\":50,\"color\":\"green\"}",
            "positive_mileage mileage > 0 {\"id\":2,\"mileage\":-5,\"color\":\"green\"}",
            "positive_mileage mileage > 0 {\"id\":3,\"mileage\":0,\"color\":\"red\"}");
  }

  @Test
  void aFailedBuildChangesNothingAndTheNextRunReadsTheSameNewRows() {
    land("(1, 100, 'red')");
    lake.runner().run(project("fail"), Selection.all(), false);
    long snapshot = lake.table("silver.readings").currentSnapshot().snapshotId();
    land("(2, -5, 'blue'), (3, 300, 'red')");

    ModelRunReport failed = lake.runner().run(project("fail"), Selection.all(), false);
    ModelRunReport fixed = lake.runner().run(project("drop"), Selection.all(), false);

    assertThat(failed.result("readings").orElseThrow().status()).isEqualTo(ModelStatus.FAILED);
    assertThat(fixed.result("readings").orElseThrow().rowsIn()).isEqualTo(2);
    assertThat(lake.table("silver.readings").snapshot(snapshot)).isNotNull();
    assertThat(lake.query("silver.readings", "SELECT id FROM {t} ORDER BY id"))
        .containsExactly("1", "3");
    assertThat(lake.query(Quarantine.TABLE, "SELECT row_json FROM {t}"))
        .containsExactly("{\"id\":2,\"mileage\":-5,\"color\":\"blue\"}");
  }
}
