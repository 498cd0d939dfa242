package dev.lagoa.runtime.maintain;

import static java.util.Objects.requireNonNull;

/** What maintenance did to one table. */
public record TableMaintenanceResult(
    String table,
    long dataFilesBefore,
    long dataFilesAfter,
    int partitionsCompacted,
    int snapshotsExpired,
    int orphanFilesDeleted,
    long metadataBytes) {
  public TableMaintenanceResult {
    requireNonNull(table, "table is null");
  }

  /** One line for people. */
  public String describe() {
    return String.format(
        "%-40s data files %,d -> %,d (%d partitions compacted), %d snapshots expired, %d orphan"
            + " files removed, metadata file %,d bytes",
        table,
        dataFilesBefore,
        dataFilesAfter,
        partitionsCompacted,
        snapshotsExpired,
        orphanFilesDeleted,
        metadataBytes);
  }
}
