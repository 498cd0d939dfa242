package dev.lagoa.iceberg.commit;

import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotChanges;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * Branches a Spark write is staged on before Lagoa publishes it to {@code main} (a load's {@code
 * lagoa_load_<id>}, a model build's {@code lagoa_build_<id>}): the files a staged write added, and
 * the removal of staged branches — the one just published, or those a killed run left behind. Used
 * by Lagoa and by the Spark job alike, so both read and clean branches the same way.
 */
public final class StagingBranches {
  private StagingBranches() {}

  /**
   * The data files written on {@code branch} since it started at snapshot {@code base}.
   *
   * @throws LagoaException when the branch is gone (another run dropped it)
   */
  public static List<DataFile> addedFiles(Table table, String branch, long base) {
    SnapshotRef ref = table.refs().get(branch);
    if (ref == null) {
      throw LagoaException.external(
          null,
          "Cannot publish the staged write to %s: its branch %s is gone (another run dropped it?);"
              + " run again",
          table.name(),
          branch);
    }
    List<DataFile> files = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (Snapshot snapshot = table.snapshot(ref.snapshotId());
        snapshot != null && snapshot.snapshotId() != base && seen.add(snapshot.snapshotId());
        snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId())) {
      SnapshotChanges.builderFor(table)
          .snapshot(snapshot)
          .build()
          .addedDataFiles()
          .forEach(files::add);
    }
    return files;
  }

  /** Removes every branch of {@code table} whose name starts with {@code prefix}, in one commit. */
  public static void dropAll(Table table, String prefix) {
    table.refresh();
    List<String> stale =
        table.refs().entrySet().stream()
            .filter(ref -> ref.getValue().isBranch() && ref.getKey().startsWith(prefix))
            .map(ref -> ref.getKey())
            .toList();
    if (stale.isEmpty()) {
      return;
    }
    var manage = table.manageSnapshots();
    stale.forEach(manage::removeBranch);
    manage.commit();
    table.refresh();
  }
}
