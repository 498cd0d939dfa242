package dev.lagoa.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.PartitionField;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.iceberg.commit.LagoaSummary;
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

/**
 * The table contract: writes through DuckDB and Iceberg read back the same, whatever catalog holds
 * the tables. Each catalog implementation runs it.
 */
abstract class TableContractTest {
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
          Types.NestedField.optional(
              6, "tags", Types.ListType.ofOptional(7, Types.StringType.get())));

  @TempDir Path warehouse;
  private LakeCatalog catalog;
  private DuckEngine engine;
  private TableWriter writer;

  /** The catalog's JDBC URI for a test whose warehouse is {@code warehouse}. */
  abstract String catalogUri(Path warehouse);

  @BeforeEach
  void open() {
    catalog =
        LakeCatalog.open(
            new CatalogConfig("lagoa", catalogUri(warehouse), warehouse.toString(), Map.of()));
    engine = DuckEngine.open();
    writer = new TableWriter(engine, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    engine.close();
    catalog.close();
  }

  private Table partitionedTable() {
    return catalog.create(
        "silver.readings",
        SCHEMA,
        PartitionSpecs.parse(SCHEMA, List.of(PartitionField.parse("day"))));
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
        rows(
            "(1, DATE '2025-10-29', {'temp': 90.5, 'label': 'a'}, ['x','y']), (2, DATE '2025-10-30', {'temp': 91, 'label': NULL}, [])"),
        WriteMode.APPEND,
        LagoaSummary.empty().withSourceOffset("test", "yes"));
    table.refresh();

    assertThat(read(table, table.currentSnapshot()))
        .containsExactly("1:2025-10-29:90.5:a:2", "2:2025-10-30:91.0:-:0");
    assertThat(table.currentSnapshot().summary()).containsEntry("lagoa.offset.test", "yes");
    assertThat(table.currentSnapshot().addedDataFiles(table.io())).hasSize(2);
  }

  @Test
  void overwritingPartitionsReplacesOnlyTheTouchedOnes() {
    Table table = partitionedTable();
    writer.write(
        table,
        rows(
            "(1, DATE '2025-10-29', {'temp': 1.0, 'label': 'old'}, []), (2, DATE '2025-10-30', {'temp': 2.0, 'label': 'old'}, [])"),
        WriteMode.APPEND,
        LagoaSummary.empty());
    table.refresh();
    Snapshot first = table.currentSnapshot();

    writer.write(
        table,
        rows("(3, DATE '2025-10-30', {'temp': 3.0, 'label': 'new'}, [])"),
        WriteMode.OVERWRITE_PARTITIONS,
        LagoaSummary.empty());
    table.refresh();

    assertThat(read(table, table.currentSnapshot()))
        .containsExactly("1:2025-10-29:1.0:old:0", "3:2025-10-30:3.0:new:0");
    assertThat(read(table, first))
        .containsExactly("1:2025-10-29:1.0:old:0", "2:2025-10-30:2.0:old:0");
  }

  @Test
  void addedColumnsReadAsNullFromOlderFiles() {
    Table table = partitionedTable();
    writer.write(
        table,
        rows("(1, DATE '2025-10-29', {'temp': 1.0, 'label': 'a'}, [])"),
        WriteMode.APPEND,
        LagoaSummary.empty());
    table
        .updateSchema()
        .addColumn("votes", Types.LongType.get())
        .addColumn("metrics", "oil", Types.DoubleType.get())
        .commit();
    table.refresh();

    List<String> values =
        engine.queryStrings(
            "SELECT coalesce(CAST(votes AS VARCHAR), 'null') || ':' || coalesce(CAST(metrics.oil AS VARCHAR), 'null') FROM ("
                + TableViews.relation(table, table.currentSnapshot(), Expressions.alwaysTrue())
                + ")");
    assertThat(values).containsExactly("null:null");
  }

  @Test
  void timestampTransformsPartitionEachFileByItsPeriod() {
    Schema events =
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "ts", Types.TimestampType.withZone()));
    for (String transform : List.of("year", "month", "day", "hour")) {
      Table table =
          catalog.create(
              "silver.events_" + transform,
              events,
              PartitionSpecs.parse(events, List.of(PartitionField.parse(transform + "(ts)"))));
      writer.write(
          table,
          "SELECT * FROM (VALUES (1, TIMESTAMPTZ '2024-12-31 23:30:00+00'), (2, TIMESTAMPTZ '2025-01-01 00:10:00+00'),"
              + " (3, TIMESTAMPTZ '2025-01-01 00:20:00+00')) AS t(id, ts)",
          WriteMode.APPEND,
          LagoaSummary.empty());
      table.refresh();

      List<String> partitions = new java.util.ArrayList<>();
      table
          .currentSnapshot()
          .addedDataFiles(table.io())
          .forEach(
              file ->
                  partitions.add(
                      table.spec().partitionToPath(file.partition()) + "=" + file.recordCount()));
      assertThat(partitions)
          .as(transform)
          .containsExactlyInAnyOrder(
              switch (transform) {
                case "year" -> new String[] {"ts_year=2024=1", "ts_year=2025=2"};
                case "month" -> new String[] {"ts_month=2024-12=1", "ts_month=2025-01=2"};
                case "day" -> new String[] {"ts_day=2024-12-31=1", "ts_day=2025-01-01=2"};
                default -> new String[] {"ts_hour=2024-12-31-23=1", "ts_hour=2025-01-01-00=2"};
              });
    }
  }

  @Test
  void emptyTablesReadAsNoRows() {
    Table table = partitionedTable();
    assertThat(read(table, table.currentSnapshot())).isEmpty();
  }
}
