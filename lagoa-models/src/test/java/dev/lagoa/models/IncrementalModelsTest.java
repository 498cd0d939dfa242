package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.project.ModelProject;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalModelsTest {
  @TempDir Path directory;
  private Lakehouse lake;
  private ProjectFiles files;

  @BeforeEach
  void open() {
    lake = new Lakehouse(directory.resolve("warehouse"));
    files = new ProjectFiles(directory.resolve("project"));
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private ModelRunReport run() {
    ModelRunReport report =
        lake.runner().run(ModelProject.load(files.directory()), Selection.all(), false);
    assertThat(report.succeeded()).as(report.summary()).isTrue();
    return report;
  }

  private void land(String table, String columns, String values) {
    lake.append(table, "SELECT * FROM (VALUES " + values + ") AS t(" + columns + ")");
  }

  @Test
  void mergeReplacesTheRowWithTheSameKeyKeepingTheOrderByWinner() {
    files.model(
        "events.sql",
        """
        /* lagoa:
        materialized: incremental
        unique_key: [id]
        order_by: version DESC
        write_mode: merge
        */
        SELECT id, version, state FROM {{ source('bronze', 'events') }}
        """);
    land("bronze.events", "id, version, state", "(1, 1, 'created'), (2, 1, 'created')");
    run();
    land("bronze.events", "id, version, state", "(1, 3, 'shipped'), (1, 2, 'paid')");

    ModelRunReport second = run();

    assertThat(second.result("events").orElseThrow().rowsIn()).isEqualTo(2);
    assertThat(
            lake.query(
                "silver.events", "SELECT concat_ws(' ', id, version, state) FROM {t} ORDER BY id"))
        .containsExactly("1 3 shipped", "2 1 created");
  }

  @Test
  void aFullBuildKeepsTheOrderByWinnerOfEachKey() {
    files.model(
        "events.sql",
        """
        /* lagoa:
        materialized: incremental
        unique_key: [id]
        order_by: version DESC
        write_mode: merge
        */
        SELECT id, version, state FROM {{ source('bronze', 'events') }}
        """);
    land(
        "bronze.events",
        "id, version, state",
        "(1, 1, 'created'), (1, 3, 'shipped'), (1, 2, 'paid'), (2, NULL, 'lost'), (2, 1, 'created')");

    run();

    assertThat(
            lake.query(
                "silver.events", "SELECT concat_ws(' ', id, version, state) FROM {t} ORDER BY id"))
        .containsExactly("1 3 shipped", "2 1 created");
  }

  @Test
  void aFullBuildOrderedByTwoExpressionsBreaksTiesWithTheSecond() {
    files.model(
        "events.sql",
        """
        /* lagoa:
        materialized: table
        unique_key: [id]
        order_by: [version DESC, state]
        */
        SELECT id, version, state FROM {{ source('bronze', 'events') }}
        """);
    land(
        "bronze.events",
        "id, version, state",
        "(1, 2, 'shipped'), (1, 2, 'paid'), (1, 1, 'created'), (2, 1, 'created')");

    run();

    assertThat(
            lake.query(
                "silver.events", "SELECT concat_ws(' ', id, version, state) FROM {t} ORDER BY id"))
        .containsExactly("1 2 paid", "2 1 created");
  }

  @Test
  void aFullBuildWithAUniqueKeyButNoOrderByKeepsOneRowPerKey() {
    files.model(
        "events.sql",
        """
        /* lagoa:
        materialized: table
        unique_key: [id]
        */
        SELECT id, state FROM {{ source('bronze', 'events') }}
        """);
    land("bronze.events", "id, state", "(1, 'a'), (1, 'a'), (2, 'b'), (1, 'a')");

    run();

    assertThat(lake.query("silver.events", "SELECT id || ' ' || state FROM {t} ORDER BY id"))
        .containsExactly("1 a", "2 b");
  }

  @Test
  void appendAddsTheNewRowsAndKeepsEveryExistingFile() {
    files.model(
        "log.sql",
        """
        /* lagoa:
        materialized: incremental
        */
        SELECT id FROM {{ source('bronze', 'log') }}
        """);
    land("bronze.log", "id", "(1), (2)");
    run();
    Set<String> before =
        lake.files("silver.log").stream().map(DataFile::location).collect(Collectors.toSet());
    land("bronze.log", "id", "(3)");

    run();

    assertThat(
            lake.files("silver.log").stream().map(DataFile::location).collect(Collectors.toSet()))
        .containsAll(before);
    assertThat(lake.query("silver.log", "SELECT id FROM {t} ORDER BY id"))
        .containsExactly("1", "2", "3");
    assertThat(lake.table("silver.log").currentSnapshot().operation()).isEqualTo("append");
  }

  @Test
  void lookupsAreReadWholeWhileTheOtherInputOnlyGivesItsNewRows() {
    files.model(
        "sales.sql",
        """
        /* lagoa:
        materialized: incremental
        lookups: [bronze.products]
        */
        SELECT s.sale_id, p.name FROM {{ source('bronze', 'sales') }} s
        JOIN {{ source('bronze', 'products') }} p ON p.product_id = s.product_id
        """);
    land("bronze.products", "product_id, name", "(10, 'coffee')");
    land("bronze.sales", "sale_id, product_id", "(1, 10)");
    run();
    land("bronze.sales", "sale_id, product_id", "(2, 10)");

    run();

    assertThat(lake.query("silver.sales", "SELECT sale_id || ' ' || name FROM {t} ORDER BY 1"))
        .containsExactly("1 coffee", "2 coffee");
  }

  @Test
  void aViewBetweenTheTableAndTheModelPassesOnNewRowsOnly() {
    files.model(
        "staging/clean_log.sql",
        """
        /* lagoa:
        materialized: view
        */
        SELECT id FROM {{ source('bronze', 'log') }} WHERE id > 0
        """);
    files.model(
        "log_copy.sql",
        """
        /* lagoa:
        materialized: incremental
        */
        SELECT id FROM {{ ref('clean_log') }}
        """);
    land("bronze.log", "id", "(1), (-1)");
    run();
    land("bronze.log", "id", "(2)");

    ModelRunReport second = run();

    assertThat(second.result("log_copy").orElseThrow().mode()).isEqualTo(BuildMode.INCREMENTAL);
    assertThat(lake.query("silver.log_copy", "SELECT id FROM {t} ORDER BY id"))
        .containsExactly("1", "2");
  }

  @Test
  void anInputRewrittenSinceTheBookmarkMakesTheNextRunAFullBuild() {
    files.model(
        "log_copy.sql",
        """
        /* lagoa:
        materialized: incremental
        */
        SELECT id FROM {{ source('bronze', 'log') }}
        """);
    land("bronze.log", "id", "(1)");
    run();
    new TableWriter(lake.engine, lake.clock)
        .write(
            lake.table("bronze.log"),
            "SELECT 5 AS id",
            WriteMode.OVERWRITE,
            dev.lagoa.iceberg.commit.LagoaSummary.empty());

    ModelResult result = run().result("log_copy").orElseThrow();

    assertThat(result.mode()).isEqualTo(BuildMode.FULL);
    assertThat(result.message())
        .startsWith("full build of silver.log_copy (input bronze.log was rewritten since snapshot");
    assertThat(lake.query("silver.log_copy", "SELECT id FROM {t}")).containsExactly("5");
  }

  @Test
  void aColumnAddedToTheModelIsAddedToTheTableAndOlderRowsReadNull() {
    files.model(
        "log_copy.sql",
        """
        /* lagoa:
        materialized: incremental
        */
        SELECT id FROM {{ source('bronze', 'log') }}
        """);
    land("bronze.log", "id, note", "(1, 'a')");
    run();
    files.model(
        "log_copy.sql",
        """
        /* lagoa:
        materialized: incremental
        */
        SELECT id, note FROM {{ source('bronze', 'log') }}
        """);
    land("bronze.log", "id, note", "(2, 'b')");

    run();

    assertThat(
            lake.query(
                "silver.log_copy",
                "SELECT id || ' ' || coalesce(note, 'NULL') FROM {t} ORDER BY id"))
        .containsExactly("1 NULL", "2 b");
  }

  @Test
  void aTableModelRebuildsWhenItsSqlChangesEvenIfItsInputsDidNot() {
    files.model("gold/total.sql", "SELECT count(*) AS n FROM {{ source('bronze', 'log') }}");
    land("bronze.log", "id", "(1), (2)");
    run();
    files.model("gold/total.sql", "SELECT count(*) * 10 AS n FROM {{ source('bronze', 'log') }}");

    ModelResult result = run().result("total").orElseThrow();

    assertThat(result.message())
        .isEqualTo("full build of gold.total (model SQL or settings changed)");
    assertThat(lake.query("gold.total", "SELECT n FROM {t}")).containsExactly("20");
  }

  @Test
  void aFullRefreshWithChangedColumnsReplacesTheTableInOneCommitKeepingItsHistory() {
    files.model(
        "log_copy.sql",
        """
        /* lagoa:
        materialized: incremental
        partition_by: [id]
        */
        SELECT id, note FROM {{ source('bronze', 'log') }}
        """);
    land("bronze.log", "id, note", "(1, 'a')");
    run();
    long before = lake.table("silver.log_copy").currentSnapshot().snapshotId();
    files.model(
        "log_copy.sql",
        """
        /* lagoa:
        materialized: incremental
        */
        SELECT CAST(id AS VARCHAR) AS id FROM {{ source('bronze', 'log') }}
        """);

    ModelRunReport refreshed =
        lake.runner().run(ModelProject.load(files.directory()), Selection.all(), true);

    assertThat(refreshed.succeeded()).as(refreshed.summary()).isTrue();
    assertThat(refreshed.result("log_copy").orElseThrow().message())
        .endsWith("table definition replaced");
    assertThat(lake.table("silver.log_copy").schema().columns())
        .extracting(column -> column.name() + " " + column.type())
        .containsExactly("id string");
    assertThat(lake.table("silver.log_copy").spec().isUnpartitioned()).isTrue();
    assertThat(lake.table("silver.log_copy").snapshot(before)).isNotNull();
    assertThat(lake.query("silver.log_copy", "SELECT id FROM {t}")).containsExactly("1");
  }
}
