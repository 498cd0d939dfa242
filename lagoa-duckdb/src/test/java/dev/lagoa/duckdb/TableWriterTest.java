package dev.lagoa.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.iceberg.WriteMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableWriterTest {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "day", Types.DateType.get()),
          Types.NestedField.optional(
              3,
              "metrics",
              Types.StructType.of(
                  Types.NestedField.optional(4, "temp", Types.DoubleType.get()),
                  Types.NestedField.optional(5, "label", Types.StringType.get()))),
          Types.NestedField.optional(6, "tags", Types.ListType.ofOptional(7, Types.StringType.get())));

  @TempDir Path warehouse;
  private LakeCatalog catalog;
  private DuckEngine engine;
  private TableWriter writer;

  @BeforeEach
  void open() {
    catalog =
        LakeCatalog.open(
            new CatalogConfig("lagoa", "jdbc:sqlite:" + warehouse.resolve("catalog.db"), warehouse.toString(), Map.of()));
    engine = DuckEngine.open();
    writer = new TableWriter(engine, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    engine.close();
    catalog.close();
  }

  private Table partitionedTable() {
    return catalog.create("silver.readings", SCHEMA, PartitionSpecs.parse(SCHEMA, List.of("day")));
  }

  private static String rows(String values) {
    return "SELECT * FROM (VALUES " + values + ") AS t(id, day, metrics, tags)";
  }

  private List<String> read(Table table, Snapshot snapshot) {
    return engine.queryStrings(
        "SELECT id || ':' || day || ':' || metrics.temp || ':' || coalesce(metrics.label, '-') || ':' || len(tags) FROM ("
            + TableViews.relation(table, snapshot, Expressions.alwaysTrue())
            + ") ORDER BY id");
  }

  @Test
  void writtenRowsReadBackWithNestedValues() {
    Table table = partitionedTable();
    writer.write(
        table,
        rows("(1, DATE '2025-10-29', {'temp': 90.5, 'label': 'a'}, ['x','y']), (2, DATE '2025-10-30', {'temp': 91, 'label': NULL}, [])"),
        WriteMode.APPEND,
        Map.of("lagoa.test", "yes"));
    table.refresh();

    assertThat(read(table, table.currentSnapshot()))
        .containsExactly("1:2025-10-29:90.5:a:2", "2:2025-10-30:91.0:-:0");
    assertThat(table.currentSnapshot().summary()).containsEntry("lagoa.test", "yes");
    assertThat(table.currentSnapshot().addedDataFiles(table.io())).hasSize(2);
  }

  @Test
  void overwritingPartitionsReplacesOnlyTheTouchedOnes() {
    Table table = partitionedTable();
    writer.write(
        table,
        rows("(1, DATE '2025-10-29', {'temp': 1.0, 'label': 'old'}, []), (2, DATE '2025-10-30', {'temp': 2.0, 'label': 'old'}, [])"),
        WriteMode.APPEND,
        Map.of());
    table.refresh();
    Snapshot first = table.currentSnapshot();

    writer.write(
        table,
        rows("(3, DATE '2025-10-30', {'temp': 3.0, 'label': 'new'}, [])"),
        WriteMode.OVERWRITE_PARTITIONS,
        Map.of());
    table.refresh();

    assertThat(read(table, table.currentSnapshot()))
        .containsExactly("1:2025-10-29:1.0:old:0", "3:2025-10-30:3.0:new:0");
    assertThat(read(table, first)).containsExactly("1:2025-10-29:1.0:old:0", "2:2025-10-30:2.0:old:0");
  }

  @Test
  void addedColumnsReadAsNullFromOlderFiles() {
    Table table = partitionedTable();
    writer.write(table, rows("(1, DATE '2025-10-29', {'temp': 1.0, 'label': 'a'}, [])"), WriteMode.APPEND, Map.of());
    table.updateSchema().addColumn("votes", Types.LongType.get()).addColumn("metrics", "oil", Types.DoubleType.get()).commit();
    table.refresh();

    List<String> values =
        engine.queryStrings(
            "SELECT coalesce(CAST(votes AS VARCHAR), 'null') || ':' || coalesce(CAST(metrics.oil AS VARCHAR), 'null') FROM ("
                + TableViews.relation(table, table.currentSnapshot(), Expressions.alwaysTrue()) + ")");
    assertThat(values).containsExactly("null:null");
  }

  @Test
  void emptyTablesReadAsNoRows() {
    Table table = partitionedTable();
    assertThat(read(table, table.currentSnapshot())).isEmpty();
  }
}
