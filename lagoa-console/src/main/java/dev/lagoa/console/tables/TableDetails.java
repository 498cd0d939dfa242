package dev.lagoa.console.tables;

import dev.lagoa.console.Formats;
import dev.lagoa.core.LagoaException;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.ingest.quarantine.QuarantineTable;
import dev.lagoa.runtime.TableInspector;
import dev.lagoa.runtime.runs.RunRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * What the table page shows of one table, read from its Iceberg metadata: schema (nested fields
 * expanded), partition spec, counts, rows per partition and the snapshot timeline with what each
 * commit consumed or was built from and the run that made it. Sample and quarantine rows are
 * queried separately ({@link TableRows}).
 */
public final class TableDetails {
  /** A field of the schema, with the fields nested in it. */
  public record Field(int id, String name, String type, boolean required, List<Field> children) {}

  /**
   * One commit.
   *
   * @param run the ledger run that was running when the commit was made, empty when none
   */
  public record Commit(
      long snapshotId,
      String committedAt,
      String operation,
      long addedRows,
      long deletedRows,
      long totalRows,
      String consumed,
      List<String> builtFrom,
      String build,
      String run,
      String runStatus) {}

  /** Rows per partition (the chart), as labels and counts. */
  public record Partitions(List<String> labels, List<Long> rows) {}

  public record View(
      String name,
      String location,
      List<Field> schema,
      List<String> partitionSpec,
      String snapshot,
      String committedAt,
      String rows,
      String files,
      String size,
      List<Commit> timeline,
      Partitions partitions,
      String quarantineTable,
      boolean isQuarantine) {}

  private TableDetails() {}

  /**
   * @param tables the catalog's tables ({@code namespace.name}), to find the quarantine table
   * @param runs the latest runs, newest first
   */
  public static View of(Table table, List<String> tables, List<RunRecord> runs) {
    TableInspector.Description description = TableInspector.describe(table);
    Snapshot current = table.currentSnapshot();
    List<String> spec = new ArrayList<>();
    for (PartitionField field : table.spec().fields()) {
      spec.add(
          field.transform().toString()
              + "("
              + table.schema().findColumnName(field.sourceId())
              + ") as "
              + field.name());
    }
    List<Commit> timeline = new ArrayList<>();
    for (TableInspector.HistoryEntry entry : TableInspector.history(table)) {
      timeline.add(0, commit(table.snapshot(entry.snapshotId()), entry, runs));
    }
    String quarantine = QuarantineTable.nameFor(description.name());
    boolean hasQuarantine = tables.stream().anyMatch(name -> name.equalsIgnoreCase(quarantine));
    return new View(
        description.name(),
        description.location(),
        fields(table.schema().columns()),
        spec,
        current == null ? "none (empty table)" : Long.toString(current.snapshotId()),
        current == null ? "" : Formats.time(Instant.ofEpochMilli(current.timestampMillis())),
        Formats.count(description.rows()),
        Formats.count(description.dataFiles()),
        current == null ? "0 B" : Formats.bytes(number(current.summary().get("total-files-size"))),
        timeline,
        partitions(table),
        hasQuarantine ? quarantine : "",
        description.name().endsWith("_quarantine"));
  }

  private static Commit commit(
      Snapshot snapshot, TableInspector.HistoryEntry entry, List<RunRecord> runs) {
    LagoaSummary lagoa = entry.lagoa();
    List<String> builtFrom = new ArrayList<>();
    lagoa
        .modelBookmark()
        .ifPresent(
            bookmark ->
                bookmark
                    .upstream()
                    .forEach((table, id) -> builtFrom.add(table + " at snapshot " + id)));
    Optional<RunRecord> run = runAt(entry.committedAt(), runs);
    return new Commit(
        entry.snapshotId(),
        Formats.time(entry.committedAt()),
        entry.operation() == null ? "" : entry.operation(),
        entry.addedRows(),
        number(snapshot.summary().get("deleted-records")),
        entry.totalRows(),
        lagoa.ingest().isPresent() ? entry.consumed() : "",
        builtFrom,
        lagoa.modelRunId().orElse(""),
        run.map(RunRecord::id).orElse(""),
        run.map(r -> r.trigger().label() + ", " + r.status().label()).orElse(""));
  }

  /** The run of {@code lagoa serve} that was running when a commit was made. */
  private static Optional<RunRecord> runAt(Instant committedAt, List<RunRecord> runs) {
    return runs.stream()
        .filter(run -> !run.startedAt().isAfter(committedAt))
        .filter(run -> run.endedAt().map(end -> !end.isBefore(committedAt)).orElse(true))
        .filter(run -> !run.status().label().equals("queued"))
        .findFirst();
  }

  private static List<Field> fields(List<Types.NestedField> fields) {
    List<Field> result = new ArrayList<>();
    for (Types.NestedField field : fields) {
      result.add(
          new Field(
              field.fieldId(),
              field.name(),
              typeName(field.type()),
              field.isRequired(),
              children(field.type())));
    }
    return result;
  }

  private static List<Field> children(Type type) {
    if (type.isStructType()) {
      return fields(type.asStructType().fields());
    }
    if (type.isListType()) {
      return children(type.asListType().elementType());
    }
    if (type.isMapType()) {
      return children(type.asMapType().valueType());
    }
    return List.of();
  }

  private static String typeName(Type type) {
    if (type.isStructType()) {
      return "struct";
    }
    if (type.isListType()) {
      Type element = type.asListType().elementType();
      return "list<" + (element.isPrimitiveType() ? element.toString() : typeName(element)) + ">";
    }
    if (type.isMapType()) {
      return "map<"
          + type.asMapType().keyType()
          + ", "
          + typeName(type.asMapType().valueType())
          + ">";
    }
    return type.toString();
  }

  /** Rows per partition of the current snapshot, from the data files' record counts. */
  private static Partitions partitions(Table table) {
    Map<String, Long> counts = new TreeMap<>();
    if (table.currentSnapshot() == null) {
      return new Partitions(List.of(), List.of());
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        String label =
            task.spec().isUnpartitioned()
                ? "(unpartitioned)"
                : task.spec().partitionToPath(task.file().partition());
        counts.merge(label, task.file().recordCount(), Long::sum);
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot list the files of %s: %s", table.name(), e.getMessage());
    }
    return new Partitions(List.copyOf(counts.keySet()), List.copyOf(counts.values()));
  }

  private static long number(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }
}
