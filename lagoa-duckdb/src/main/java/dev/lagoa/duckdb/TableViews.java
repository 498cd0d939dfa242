package dev.lagoa.duckdb;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.IncrementalAppendScan;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Exposes Iceberg tables to DuckDB. Iceberg plans the scan (snapshot, partition pruning, file
 * statistics); DuckDB reads the planned Parquet files, matching columns by field id so that renamed
 * and added columns read right.
 */
public final class TableViews {
  private TableViews() {}

  /**
   * A query over {@code table} at {@code snapshot} (null: the table is empty), reading only the
   * data files Iceberg's scan planning keeps for {@code filter} (partition values and column
   * bounds). The filter prunes files; it does not filter rows.
   */
  public static String relation(Table table, Snapshot snapshot, Expression filter) {
    if (snapshot == null) {
      return DuckTypes.emptyRelation(table.schema());
    }
    return scanRelation(
        table.name(), schemaAt(table, snapshot), scanFiles(table, snapshot, filter), table.io());
  }

  /**
   * The schema to read a snapshot with: the current schema for the current snapshot (columns added
   * since the last commit read as NULL), the schema the table had then for an older one.
   */
  public static Schema schemaAt(Table table, Snapshot snapshot) {
    Snapshot current = table.currentSnapshot();
    return current != null && current.snapshotId() == snapshot.snapshotId()
        ? table.schema()
        : SnapshotUtil.schemaFor(table, snapshot.snapshotId());
  }

  /**
   * The data files of {@code snapshot} that may hold rows matching {@code filter}, each with the
   * delete files that apply to it (Iceberg's scan planning matches them by partition, referenced
   * file and sequence number).
   */
  public static List<FileScanTask> scanFiles(Table table, Snapshot snapshot, Expression filter) {
    TableScan scan =
        table.newScan().useSnapshot(snapshot.snapshotId()).filter(filter).includeColumnStats();
    return planFiles(table, scan.planFiles());
  }

  /**
   * A query over the rows appended to {@code table} after {@code fromExclusive} up to {@code to}.
   */
  public static String appendedRelation(Table table, Snapshot fromExclusive, Snapshot to) {
    IncrementalAppendScan scan =
        table.newIncrementalAppendScan().toSnapshot(to.snapshotId()).includeColumnStats();
    if (fromExclusive != null) {
      scan = scan.fromSnapshotExclusive(fromExclusive.snapshotId());
    }
    return scanRelation(
        table.name(), table.schema(), planFiles(table, scan.planFiles()), table.io());
  }

  /**
   * A query over {@code files} read as rows of {@code schema}. Files are grouped by the columns
   * they hold, each group read with exactly those columns and widened to the schema. No delete file
   * is applied: for files read without scan planning (a rewrite of files Lagoa chose); a table's
   * rows are read with {@link #relation(Table, Snapshot, Expression)}.
   */
  public static String relation(Schema schema, List<DataFile> files) {
    return relation(schema, files, null);
  }

  /**
   * The live rows of {@code files}, data files of {@code table} at {@code snapshot} (an incremental
   * build's replaced files): the delete files that apply to them are applied. Scan planning runs
   * only when the snapshot has delete files.
   */
  public static String liveRows(Table table, Snapshot snapshot, List<DataFile> files) {
    if (snapshot == null
        || files.isEmpty()
        || "0".equals(snapshot.summary().get("total-delete-files"))) {
      return relation(table.schema(), files, table.io());
    }
    Set<String> locations = new java.util.HashSet<>();
    files.forEach(file -> locations.add(file.location()));
    List<FileScanTask> tasks = new ArrayList<>();
    for (FileScanTask task : scanFiles(table, snapshot, Expressions.alwaysTrue())) {
      if (locations.contains(task.file().location())) {
        tasks.add(task);
      }
    }
    return scanRelation(table.name(), table.schema(), tasks, table.io());
  }

  /**
   * Like {@link #relation(Schema, List)}, files in object storage being read through {@code io}
   * (their table's file IO; null, the rare nullable, when every file is local) from a local copy
   * ({@link ObjectStoreFiles}).
   */
  public static String relation(Schema schema, List<DataFile> files, FileIO io) {
    List<FileWithDeletes> plain = new ArrayList<>();
    files.forEach(file -> plain.add(new FileWithDeletes(file, List.of())));
    return read(null, schema, plain, io);
  }

  /**
   * A query over the live rows of scan-planned {@code tasks} read as rows of {@code schema}: the
   * delete files each task carries are applied (position deletes, deletion vectors and equality
   * deletes; see {@link RowDeletes}), files without deletes are read as they are. {@code table}
   * names the table in errors.
   */
  public static String scanRelation(
      String table, Schema schema, List<FileScanTask> tasks, FileIO io) {
    List<FileWithDeletes> files = new ArrayList<>();
    tasks.forEach(task -> files.add(new FileWithDeletes(task.file(), task.deletes())));
    return read(table, schema, files, io);
  }

  private record FileWithDeletes(DataFile file, List<DeleteFile> deletes) {}

  /** Data files read together: the same columns, the same delete files (or deletion vectors). */
  private record GroupKey(Set<Integer> leafIds, Set<String> deleteLocations) {}

  private static String read(String table, Schema schema, List<FileWithDeletes> files, FileIO io) {
    if (files.isEmpty()) {
      return DuckTypes.emptyRelation(schema);
    }
    Map<GroupKey, List<FileWithDeletes>> groups = new LinkedHashMap<>();
    for (FileWithDeletes file : files) {
      // Deletion vectors of several data files share a Puffin file: each is its blob's offset.
      Set<String> deleteLocations = new TreeSet<>();
      file.deletes()
          .forEach(delete -> deleteLocations.add(delete.location() + "@" + delete.contentOffset()));
      groups
          .computeIfAbsent(
              new GroupKey(FileSchemas.leafIds(file.file()), deleteLocations),
              key -> new ArrayList<>())
          .add(file);
    }
    StringJoiner union = new StringJoiner(" UNION ALL ");
    for (Map.Entry<GroupKey, List<FileWithDeletes>> group : groups.entrySet()) {
      Schema fileSchema = FileSchemas.pruned(schema, group.getKey().leafIds());
      StringJoiner list = new StringJoiner(", ", "[", "]");
      List<DataFile> dataFiles = new ArrayList<>();
      for (FileWithDeletes file : group.getValue()) {
        list.add(literal(toLocalPath(file.file(), io)));
        dataFiles.add(file.file());
      }
      List<DeleteFile> deletes = group.getValue().get(0).deletes();
      if (!deletes.isEmpty()) {
        union.add(
            "("
                + RowDeletes.liveRows(
                    table, schema, fileSchema, list.toString(), dataFiles, deletes, io)
                + ")");
        continue;
      }
      String scan =
          fileSchema.columns().isEmpty()
              ? "(SELECT 1 FROM read_parquet(" + list + "))"
              : "read_parquet("
                  + list
                  + ", hive_partitioning = false, schema = "
                  + DuckTypes.readSchema(fileSchema)
                  + ")";
      union.add("SELECT " + FileSchemas.widen(fileSchema, schema) + " FROM " + scan);
    }
    return union.toString();
  }

  /**
   * Creates (or replaces) the view {@code schemaName.viewName} over the table's current snapshot.
   */
  public static void createView(
      DuckEngine engine, String schemaName, String viewName, Table table, Snapshot snapshot) {
    engine.createSchema(schemaName);
    engine.execute(
        "CREATE OR REPLACE VIEW "
            + quote(schemaName)
            + "."
            + quote(viewName)
            + " AS "
            + relation(table, snapshot, Expressions.alwaysTrue()));
  }

  /**
   * A relation with the columns of {@code schema} that fails with {@code message} as soon as a
   * query reads it: a table that cannot be read (say, a data file is missing) is still defined, so
   * every query that does not touch it runs.
   */
  public static String failingRelation(Schema schema, String message) {
    StringJoiner columns =
        new StringJoiner(
            ", ", "SELECT ", " FROM range(1) WHERE error(" + DuckTypes.literal(message) + ")");
    for (Types.NestedField field : schema.columns()) {
      columns.add(
          "CAST(NULL AS "
              + DuckTypes.sqlType(field.type())
              + ") AS "
              + DuckTypes.quote(field.name()));
    }
    return columns.toString();
  }

  private static List<FileScanTask> planFiles(Table table, CloseableIterable<FileScanTask> tasks) {
    Map<String, FileScanTask> files = new LinkedHashMap<>();
    try (tasks) {
      for (FileScanTask task : tasks) {
        files.putIfAbsent(task.file().location(), task);
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot plan the files of %s: %s", table.name(), e.getMessage());
    }
    return List.copyOf(files.values());
  }

  static String toLocalPath(ContentFile<?> file, FileIO io) {
    String location = file.location();
    if (location.startsWith("file:")) {
      return dev.lagoa.iceberg.LocalFileIO.toPath(location).toString();
    }
    if (ObjectStoreFiles.isRemote(location)) {
      if (io == null) {
        throw LagoaException.internal(
            null, "Cannot read %s with DuckDB: no file IO was given for object storage", location);
      }
      return ObjectStoreFiles.localCopy(io, location, file.fileSizeInBytes()).toString();
    }
    return location;
  }
}
