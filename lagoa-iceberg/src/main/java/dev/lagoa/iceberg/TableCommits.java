package dev.lagoa.iceberg;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * Commits data files to a table. Every commit carries a summary of Lagoa properties (what the step
 * consumed, its bookmark), so the table itself is the ledger: a step that crashes before its commit
 * has changed nothing, and one that crashes after it finds its bookmark there.
 */
public final class TableCommits {
  private TableCommits() {}

  public static Snapshot commit(
      Table table, List<DataFile> files, WriteMode mode, Map<String, String> summary) {
    SnapshotUpdate<?> update =
        switch (mode) {
          case APPEND -> {
            var append = table.newAppend();
            files.forEach(append::appendFile);
            yield append;
          }
          case OVERWRITE_PARTITIONS -> {
            ReplacePartitions replace = table.newReplacePartitions();
            files.forEach(replace::addFile);
            yield replace;
          }
          case OVERWRITE -> overwrite(table, Expressions.alwaysTrue(), files);
        };
    summary.forEach(update::set);
    update.commit();
    table.refresh();
    return table.currentSnapshot();
  }

  /** Replaces the rows matching {@code filter} (whole files must match) with {@code files}. */
  public static Snapshot overwriteWhere(
      Table table, Expression filter, List<DataFile> files, Map<String, String> summary) {
    OverwriteFiles overwrite = overwrite(table, filter, files);
    summary.forEach(overwrite::set);
    overwrite.commit();
    table.refresh();
    return table.currentSnapshot();
  }

  /**
   * Replaces exactly {@code deleted} with {@code added}, as read at {@code base} (null: the table
   * was empty), and fails instead of committing when another writer added or removed data since
   * {@code base}: the caller computed {@code added} from what it read, so a concurrent change would
   * be lost or doubled. With nothing to delete the snapshot is an {@code append}, so incremental
   * readers of the table still see it as new rows; with nothing at all it only records {@code
   * summary}.
   */
  public static Snapshot replaceFiles(
      Table table,
      Snapshot base,
      Collection<DataFile> deleted,
      Collection<DataFile> added,
      Map<String, String> summary) {
    SnapshotUpdate<?> update;
    if (deleted.isEmpty() && added.isEmpty()) {
      update = table.newAppend();
    } else {
      OverwriteFiles overwrite = table.newOverwrite();
      deleted.forEach(overwrite::deleteFile);
      added.forEach(overwrite::addFile);
      if (base != null) {
        overwrite.validateFromSnapshot(base.snapshotId());
      }
      overwrite.validateNoConflictingData().validateNoConflictingDeletes();
      update = overwrite;
    }
    summary.forEach(update::set);
    update.commit();
    table.refresh();
    return table.currentSnapshot();
  }

  private static OverwriteFiles overwrite(Table table, Expression filter, List<DataFile> files) {
    OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(filter);
    files.forEach(overwrite::addFile);
    return overwrite;
  }
}
