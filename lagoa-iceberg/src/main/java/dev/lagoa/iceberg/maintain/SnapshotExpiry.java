package dev.lagoa.iceberg.maintain;

import dev.lagoa.core.LagoaException;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * Expires old snapshots of a table with Iceberg's own expiry, which deletes the data and manifest
 * files only they referenced, and then the ledger files only they pointed to. The current snapshot
 * always stays, and with it every carried ledger, bookmark and offset ({@link LagoaSummary}).
 */
public final class SnapshotExpiry {
  private SnapshotExpiry() {}

  /** What one expiry did. */
  public record Result(int snapshotsExpired, int ledgerFilesDeleted) {}

  /**
   * Expires the snapshots older than {@code olderThan}, keeping at least the last {@code keepLast}.
   */
  public static Result expire(Table table, Duration olderThan, int keepLast, InstantSource clock) {
    table.refresh();
    int before = size(table.snapshots());
    Set<String> ledgersBefore = ledgerFiles(table);
    long cutoff = clock.millis() - olderThan.toMillis();
    try {
      table
          .expireSnapshots()
          .expireOlderThan(cutoff + (olderThan.isZero() ? 1 : 0))
          .retainLast(keepLast)
          .cleanExpiredFiles(true)
          .commit();
    } catch (CommitFailedException e) {
      throw LagoaException.external(
          e,
          "Cannot expire snapshots of %s: other writers kept committing (%s); run again",
          TableCommit.nameOf(table),
          e.getMessage());
    }
    table.refresh();
    Set<String> unreferenced = new HashSet<>(ledgersBefore);
    unreferenced.removeAll(ledgerFiles(table));
    unreferenced.forEach(table.io()::deleteFile);
    return new Result(before - size(table.snapshots()), unreferenced.size());
  }

  /** The ledger files the table's snapshots point to. */
  static Set<String> ledgerFiles(Table table) {
    Set<String> files = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      files.addAll(LagoaSummary.of(snapshot).ledgerFiles().values());
    }
    return files;
  }

  private static int size(Iterable<?> items) {
    int count = 0;
    for (Object ignored : items) {
      count++;
    }
    return count;
  }
}
