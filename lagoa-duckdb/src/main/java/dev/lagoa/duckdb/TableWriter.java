package dev.lagoa.duckdb;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.files.Directories;
import dev.lagoa.iceberg.DataFileScanner;
import dev.lagoa.iceberg.LocalFileIO;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Writes the result of a DuckDB query into an Iceberg table: DuckDB writes Parquet files carrying
 * the table's field ids into a fresh directory under the table location, split by partition, and
 * Iceberg commits them. Until the commit the files are invisible, so a crash leaves only
 * unreferenced files.
 */
public final class TableWriter {
  private static final DateTimeFormatter BATCH_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final long TARGET_FILE_BYTES = 256L << 20;

  private final DuckEngine engine;
  private final Clock clock;

  public TableWriter(DuckEngine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Writes and commits in one step. When another writer commits first, the same files are committed
   * on top of its snapshot ({@link TableCommit}): what {@code mode} does does not depend on the
   * rows already there.
   */
  public Snapshot write(Table table, String query, WriteMode mode, LagoaSummary summary) {
    List<DataFile> files = writeFiles(table, query);
    return TableCommit.commit(
        table,
        mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + table.name(),
        base ->
            switch (mode) {
              case APPEND -> CommitPlan.append(files, summary);
              case OVERWRITE_PARTITIONS -> CommitPlan.overwritePartitions(files, summary);
              case OVERWRITE -> CommitPlan.replaceFiles(dataFiles(table, base), files, summary);
            });
  }

  /**
   * Every data file of {@code table} at {@code snapshot} (none for {@code null}), with column
   * statistics (readers learn from them which columns a file holds).
   */
  public static List<DataFile> dataFiles(Table table, Snapshot snapshot) {
    if (snapshot == null) {
      return List.of();
    }
    java.util.Map<String, DataFile> files = new java.util.LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).includeColumnStats().planFiles()) {
      tasks.forEach(task -> files.putIfAbsent(task.file().location(), task.file()));
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot list the files of %s: %s", table.name(), e.getMessage());
    }
    return List.copyOf(files.values());
  }

  /**
   * Writes the rows of {@code query} as data files of {@code table} without committing them. The
   * query must have a column named like each table column; values are cast to the column types.
   */
  public List<DataFile> writeFiles(Table table, String query) {
    return writeFiles(table, query, TARGET_FILE_BYTES);
  }

  /** Like {@link #writeFiles(Table, String)}, splitting files at about {@code targetBytes}. */
  public List<DataFile> writeFiles(Table table, String query, long targetBytes) {
    keepStatisticsForEveryColumn(table);
    Schema schema = table.schema();
    StringJoiner columns = new StringJoiner(", ");
    for (Types.NestedField field : schema.columns()) {
      columns.add(
          "CAST("
              + quote(field.name())
              + " AS "
              + DuckTypes.sqlType(field.type())
              + ") AS "
              + quote(field.name()));
    }
    List<String> partitionColumns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    schema.columns().forEach(field -> names.add(field.name()));
    for (PartitionField field : table.spec().fields()) {
      String name = names.contains(field.name()) ? "__" + field.name() : field.name();
      partitionColumns.add(quote(name));
      columns.add(partitionKey(field, schema) + " AS " + quote(name));
    }
    // A table in object storage: DuckDB writes local files, uploaded one by one below.
    boolean remote = ObjectStoreFiles.isRemote(table.location());
    Path dataDirectory =
        remote
            ? ObjectStoreFiles.uploadDirectory()
            : LocalFileIO.toPath(table.location()).resolve("data");
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot create %s: %s", dataDirectory, e.getMessage());
    }
    String batch =
        BATCH_TIME.format(clock.instant()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    Path batchDirectory = dataDirectory.resolve(batch);
    String directory = batchDirectory.toString();
    StringBuilder copy =
        new StringBuilder()
            .append("COPY (SELECT ")
            .append(columns)
            .append(" FROM (")
            .append(query)
            .append(")) TO ")
            .append(literal(directory))
            .append(
                " (FORMAT parquet, COMPRESSION zstd, RETURN_STATS true, FILENAME_PATTERN 'part-{i}', FILE_SIZE_BYTES ")
            .append(targetBytes)
            .append(", FIELD_IDS ")
            .append(DuckTypes.fieldIds(schema));
    if (!partitionColumns.isEmpty()) {
      copy.append(", PARTITION_BY (").append(String.join(", ", partitionColumns)).append(')');
    }
    copy.append(')');
    List<DataFile> files = new ArrayList<>();
    String sql = copy.toString();
    MetricsConfig metricsConfig = MetricsConfig.forTable(table);
    try {
      engine.query(
          sql,
          result -> {
            try {
              while (result.next()) {
                String location = result.getString("filename");
                if (remote) {
                  String relative =
                      batchDirectory.relativize(Path.of(location)).toString().replace('\\', '/');
                  String target = table.location() + "/data/" + batch + "/" + relative;
                  ObjectStoreFiles.upload(table.io(), Path.of(location), target);
                  location = target;
                }
                Metrics metrics =
                    WrittenFileMetrics.of(
                        schema,
                        metricsConfig,
                        result.getLong("count"),
                        statistics(result.getObject("column_statistics")));
                files.add(
                    DataFileScanner.describe(
                        table, location, result.getLong("file_size_bytes"), metrics));
              }
            } catch (SQLException e) {
              throw DuckEngine.queryFailed(sql, e);
            }
          });
    } finally {
      if (remote) {
        Directories.deleteQuietly(batchDirectory);
      }
    }
    return files;
  }

  /** DuckDB's {@code column_statistics} map, as strings. */
  private static Map<String, Map<String, String>> statistics(Object value) {
    Map<String, Map<String, String>> statistics = new HashMap<>();
    if (value instanceof Map<?, ?> columns) {
      columns.forEach(
          (column, stats) -> {
            Map<String, String> values = new HashMap<>();
            if (stats instanceof Map<?, ?> map) {
              map.forEach(
                  (name, text) ->
                      values.put(String.valueOf(name), text == null ? null : text.toString()));
            }
            statistics.put(String.valueOf(column), values);
          });
    }
    return statistics;
  }

  /**
   * Readers learn which columns a data file holds from its statistics, which Iceberg keeps for the
   * first {@code write.metadata.metrics.max-inferred-column-defaults} columns only: a wider table
   * would read every later column, Lagoa's metadata columns included, as NULL. Raised before
   * writing whenever the table has outgrown it.
   */
  private static void keepStatisticsForEveryColumn(Table table) {
    int fields = TypeUtil.indexById(table.schema().asStruct()).size();
    int limit =
        PropertyUtil.propertyAsInt(
            table.properties(),
            TableProperties.METRICS_MAX_INFERRED_COLUMN_DEFAULTS,
            TableProperties.METRICS_MAX_INFERRED_COLUMN_DEFAULTS_DEFAULT);
    if (fields > limit) {
      table
          .updateProperties()
          .set(
              TableProperties.METRICS_MAX_INFERRED_COLUMN_DEFAULTS,
              Integer.toString(Math.max(2 * fields, 1000)))
          .commit();
    }
  }

  /**
   * A DuckDB expression equal for two rows exactly when the partition transform is. It only groups
   * rows into files; the partition value recorded in Iceberg is computed by Iceberg from the file's
   * bounds.
   */
  private static String partitionKey(PartitionField field, Schema schema) {
    Types.NestedField source = schema.findField(field.sourceId());
    String column = quote(source.name());
    String transform = field.transform().toString();
    Type.TypeID type = source.type().typeId();
    if (transform.equals("identity")) {
      return column;
    }
    if (transform.equals("year")) {
      return "year(" + column + ")";
    }
    if (transform.equals("month")) {
      return "strftime(" + column + ", '%Y-%m')";
    }
    if (transform.equals("day")) {
      return "CAST(" + column + " AS DATE)";
    }
    if (transform.equals("hour")) {
      return "strftime(" + column + ", '%Y-%m-%d-%H')";
    }
    if (transform.startsWith("truncate[")) {
      int width =
          Integer.parseInt(transform.substring("truncate[".length(), transform.length() - 1));
      if (type == Type.TypeID.STRING) {
        return "left(" + column + ", " + width + ")";
      }
      if (type == Type.TypeID.INTEGER || type == Type.TypeID.LONG) {
        return column + " - (((" + column + " % " + width + ") + " + width + ") % " + width + ")";
      }
    }
    throw LagoaException.userInput(
        "Cannot write table partitioned by %s(%s): the DuckDB engine supports identity, year, month, day, hour and truncate",
        transform, source.name());
  }
}
