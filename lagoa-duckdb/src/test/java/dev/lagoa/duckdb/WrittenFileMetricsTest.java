package dev.lagoa.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.PartitionField;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.iceberg.commit.LagoaSummary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of written files are taken from DuckDB's own statistics instead of re-reading each
 * file's footer: they must be what Iceberg records from the footer, since readers skip files by
 * them.
 */
class WrittenFileMetricsTest {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "n", Types.IntegerType.get()),
          Types.NestedField.optional(3, "price", Types.DoubleType.get()),
          Types.NestedField.optional(4, "name", Types.StringType.get()),
          Types.NestedField.optional(5, "day", Types.DateType.get()),
          Types.NestedField.optional(6, "at", Types.TimestampType.withoutZone()),
          Types.NestedField.optional(7, "seen", Types.TimestampType.withZone()),
          Types.NestedField.optional(8, "amount", Types.DecimalType.of(9, 2)),
          Types.NestedField.optional(9, "ok", Types.BooleanType.get()),
          Types.NestedField.optional(
              10,
              "metrics",
              Types.StructType.of(
                  Types.NestedField.optional(11, "temp", Types.DoubleType.get()),
                  Types.NestedField.optional(
                      12,
                      "trip",
                      Types.StructType.of(
                          Types.NestedField.optional(13, "km", Types.LongType.get()))))),
          Types.NestedField.optional(
              14, "tags", Types.ListType.ofOptional(15, Types.StringType.get())),
          Types.NestedField.optional(
              16,
              "scores",
              Types.MapType.ofOptional(17, 18, Types.StringType.get(), Types.LongType.get())),
          Types.NestedField.optional(19, "odd name \"q\".x", Types.LongType.get()));

  private static final String ROWS =
      """
      SELECT range AS id, CAST(range % 7 AS INTEGER) AS n,
        CASE WHEN range % 5 = 0 THEN NULL ELSE range / 3.0 END AS price,
        'name ' || range || ' with a long tail beyond sixteen ✓ characters' AS name,
        DATE '2026-11-01' + CAST(range % 3 AS INTEGER) AS day,
        TIMESTAMP '2026-11-01 10:00:00.123456' + INTERVAL (range) MINUTE AS at,
        TIMESTAMPTZ '2026-11-01 10:00:00+00' + INTERVAL (range) SECOND AS seen,
        CAST(range * 1.25 AS DECIMAL(9,2)) AS amount, range % 2 = 0 AS ok,
        {'temp': range * 0.5, 'trip': {'km': range * 10}} AS metrics,
        ['t' || range, NULL] AS tags, MAP {'k' || range: range} AS scores,
        CASE WHEN range % 4 = 0 THEN NULL ELSE -range END AS "odd name ""q"".x"
      FROM range(FIRST, LAST)
      """;

  @TempDir static Path warehouse;
  private static LakeCatalog catalog;
  private static DuckEngine engine;
  private static TableWriter writer;

  @BeforeAll
  static void open() {
    catalog =
        LakeCatalog.open(
            new CatalogConfig(
                "lagoa",
                "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                warehouse.toString(),
                Map.of()));
    engine = DuckEngine.open();
    writer = new TableWriter(engine, Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    engine.close();
    catalog.close();
  }

  private static String rows(long first, long last) {
    return ROWS.replace("FIRST", Long.toString(first)).replace("LAST", Long.toString(last));
  }

  /** Bounds as values, so a failure shows them. */
  private static Map<Integer, Object> decoded(Table table, Map<Integer, ByteBuffer> bounds) {
    Map<Integer, Object> values = new TreeMap<>();
    bounds.forEach(
        (id, bound) ->
            values.put(
                id, Conversions.fromByteBuffer(table.schema().findType(id), bound.duplicate())));
    return values;
  }

  private static Metrics footerMetrics(Table table, DataFile file) {
    return ParquetUtil.fileMetrics(
        table.io().newInputFile(file.location()), MetricsConfig.forTable(table));
  }

  private static void assertSameAsFooter(Table table, List<DataFile> files) {
    assertThat(files).isNotEmpty();
    for (DataFile file : files) {
      Metrics footer = footerMetrics(table, file);
      assertThat(file.recordCount()).isEqualTo(footer.recordCount());
      assertThat(file.valueCounts()).isEqualTo(footer.valueCounts());
      assertThat(file.nullValueCounts()).isEqualTo(footer.nullValueCounts());
      assertThat(decoded(table, file.lowerBounds()))
          .isEqualTo(decoded(table, footer.lowerBounds()));
      assertThat(decoded(table, file.upperBounds()))
          .isEqualTo(decoded(table, footer.upperBounds()));
      assertThat(file.columnSizes()).isEqualTo(footer.columnSizes());
      assertThat(file.fileSizeInBytes())
          .isEqualTo(table.io().newInputFile(file.location()).getLength());
    }
  }

  @Test
  void metricsOfAPartitionedWriteAreThoseIcebergReadsFromEachFooter() {
    Table table =
        catalog.create(
            "silver.every_type",
            SCHEMA,
            PartitionSpecs.parse(SCHEMA, List.of(PartitionField.parse("day"))));
    List<DataFile> files = writer.writeFiles(table, rows(0, 300));

    assertThat(files).hasSize(3);
    assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(300);
    assertSameAsFooter(table, files);
  }

  @Test
  void metricsFollowTheTablesMetricsModes() {
    Table table = catalog.create("silver.modes", SCHEMA, PartitionSpecs.parse(SCHEMA, List.of()));
    table
        .updateProperties()
        .set(TableProperties.DEFAULT_WRITE_METRICS_MODE, "truncate(4)")
        .set(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + "id", "counts")
        .set(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + "n", "none")
        .set(TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX + "metrics.temp", "full")
        .commit();
    List<DataFile> files = writer.writeFiles(table, rows(0, 50));

    assertSameAsFooter(table, files);
    Schema schema = table.schema();
    assertThat(files.get(0).lowerBounds())
        .doesNotContainKey(schema.findField("id").fieldId())
        .containsKey(schema.findField("metrics.temp").fieldId());
    assertThat(files.get(0).valueCounts()).doesNotContainKey(schema.findField("n").fieldId());
  }

  @Test
  void aScanSkipsTheFilesWhoseBoundsExcludeTheFilter() throws IOException {
    Table table = catalog.create("silver.pruned", SCHEMA, PartitionSpecs.parse(SCHEMA, List.of()));
    writer.write(table, rows(0, 100), WriteMode.APPEND, LagoaSummary.empty());
    writer.write(table, rows(100, 200), WriteMode.APPEND, LagoaSummary.empty());
    table.refresh();

    assertThat(plannedIds(table, Expressions.greaterThanOrEqual("id", 150L))).hasSize(1);
    assertThat(plannedIds(table, Expressions.equal("metrics.trip.km", 50L))).hasSize(1);
    assertThat(plannedIds(table, Expressions.lessThan("name", "name "))).isEmpty();
    assertThat(plannedIds(table, Expressions.greaterThan("id", 500L))).isEmpty();
  }

  private static List<String> plannedIds(Table table, org.apache.iceberg.expressions.Expression f)
      throws IOException {
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(f).planFiles()) {
      tasks.forEach(task -> files.add(task.file().location()));
    }
    return files;
  }
}
