package dev.lagoa.runtime;

import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.ConsumedFile;
import dev.lagoa.iceberg.commit.LagoaSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/** Answers what a table is and how it came to be. */
public final class TableInspector {
  private TableInspector() {}

  /** A table's current shape. */
  public record Description(
      String name,
      String location,
      String schema,
      String partitionSpec,
      Long snapshotId,
      Instant committedAt,
      long rows,
      long dataFiles,
      Map<String, String> properties) {}

  /** One commit in a table's history. */
  public record HistoryEntry(
      long snapshotId,
      Instant committedAt,
      String operation,
      long addedRows,
      long totalRows,
      List<String> consumedFiles,
      LagoaSummary lagoa) {

    /**
     * What the commit consumed, for people: {@code 3 files from source cars (0 rescued, 1
     * quarantined)} for a loader commit, the Lagoa entries otherwise.
     */
    public String consumed() {
      return lagoa
          .ingest()
          .map(
              ingest ->
                  String.format(
                      "%d files from source %s (%d rescued, %d quarantined)",
                      ingest.files().size(),
                      ingest.source(),
                      ingest.rescued(),
                      ingest.quarantined()))
          .orElseGet(lagoa::describe);
    }
  }

  public static Description describe(LakeCatalog catalog, String name) {
    return describe(catalog.load(name));
  }

  /** As {@link #describe(LakeCatalog, String)}, for a table already loaded. */
  public static Description describe(Table table) {
    Snapshot current = table.currentSnapshot();
    long rows = current == null ? 0 : parse(current.summary().get("total-records"));
    long files = current == null ? 0 : parse(current.summary().get("total-data-files"));
    return new Description(
        qualified(table),
        table.location(),
        table.schema().toString(),
        table.spec().toString(),
        current == null ? null : current.snapshotId(),
        current == null ? null : Instant.ofEpochMilli(current.timestampMillis()),
        rows,
        files,
        table.properties());
  }

  /** The current snapshot and its ancestors, oldest first. */
  public static List<HistoryEntry> history(LakeCatalog catalog, String name) {
    return history(catalog.load(name));
  }

  /** As {@link #history(LakeCatalog, String)}, for a table already loaded. */
  public static List<HistoryEntry> history(Table table) {
    List<HistoryEntry> entries = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      return entries;
    }
    for (Snapshot snapshot :
        SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
      entries.add(
          0,
          new HistoryEntry(
              snapshot.snapshotId(),
              Instant.ofEpochMilli(snapshot.timestampMillis()),
              snapshot.operation(),
              parse(snapshot.summary().get("added-records")),
              parse(snapshot.summary().get("total-records")),
              LagoaSummary.of(snapshot).consumedFiles().stream().map(ConsumedFile::name).toList(),
              LagoaSummary.of(snapshot)));
    }
    return entries;
  }

  private static String qualified(Table table) {
    String name = table.name();
    int dot = name.indexOf('.');
    return dot >= 0 && name.chars().filter(c -> c == '.').count() > 1
        ? name.substring(dot + 1)
        : name;
  }

  private static long parse(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }
}
