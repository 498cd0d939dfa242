package dev.lagoa.iceberg.commit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Supplier;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.exceptions.CommitFailedException;

/**
 * Replaces a table's columns, partitioning and rows at once (or creates it). Files are written for
 * {@link #table()}; readers see the old table until {@link #commit}, and the old snapshots stay in
 * the table's history. Like {@link TableCommit}, the commit is refused when another writer
 * committed to the table after the replacement was planned.
 */
public final class TableReplacement {
  private final Transaction transaction;
  private final String name;
  private final Snapshot base;
  private final Supplier<Snapshot> current;

  /**
   * @param base the table's snapshot the replacement was planned from ({@code null}: none)
   * @param current reads the table's current snapshot from the catalog ({@code null}: none)
   */
  public TableReplacement(
      Transaction transaction, String name, Snapshot base, Supplier<Snapshot> current) {
    this.transaction = requireNonNull(transaction, "transaction is null");
    this.name = requireNonNull(name, "name is null");
    this.base = base;
    this.current = requireNonNull(current, "current is null");
  }

  /** The table to write the new files for. */
  public Table table() {
    return transaction.table();
  }

  /** Commits the new definition with {@code files} as its only rows. */
  public Snapshot commit(List<DataFile> files, LagoaSummary summary, String action) {
    Snapshot now = current.get();
    if ((now == null) != (base == null) || (now != null && now.snapshotId() != base.snapshotId())) {
      throw conflict(action, now, null);
    }
    AppendFiles append = transaction.newAppend();
    files.forEach(append::appendFile);
    summary.carriedFrom(LagoaSummary.of(base)).toMap().forEach(append::set);
    append.commit();
    try {
      transaction.commitTransaction();
    } catch (CommitFailedException e) {
      throw conflict(action, current.get(), e);
    }
    return transaction.table().currentSnapshot();
  }

  private CommitConflictException conflict(String action, Snapshot now, Exception cause) {
    return new CommitConflictException(
        name,
        String.format(
            "Cannot %s: another writer committed snapshot %s to %s after this replacement was"
                + " planned from %s; nothing of it is visible, run again",
            action,
            now == null ? "(none)" : now.snapshotId(),
            name,
            base == null ? "no table" : "snapshot " + base.snapshotId()),
        cause);
  }
}
