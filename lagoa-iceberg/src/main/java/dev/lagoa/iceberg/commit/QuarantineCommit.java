package dev.lagoa.iceberg.commit;

import dev.lagoa.core.LagoaException;
import dev.lagoa.iceberg.DataFileScanner;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The one quarantine design, for the loader's rejected records and the rows that {@code drop}
 * expectations keep out of a model's table. Two tables cannot be committed atomically, so:
 *
 * <ol>
 *   <li>the writer writes the quarantined rows as <b>uncommitted</b> data files of the quarantine
 *       table (through the same {@code TableWriter} as its main rows);
 *   <li>the <b>main commit</b> lists those files in its summary ({@link
 *       LagoaSummary#withQuarantineFiles});
 *   <li>the <b>quarantine commit</b> ({@link #commit}) appends them and names the main snapshot
 *       they belong to ({@link LagoaSummary#withQuarantineFor}).
 * </ol>
 *
 * <p>A crash before the main commit leaves only unreferenced files (orphan removal deletes them
 * after its grace period); the step is redone and writes new ones, so nothing is quarantined twice.
 * A crash between the two commits is repaired by {@link #recover} at the start of the writer's next
 * run: files a main snapshot lists that the quarantine table neither claims nor holds are committed
 * then. Both checks make recovery safe to run any number of times, also after either table's
 * snapshots were expired.
 */
public final class QuarantineCommit {
  private QuarantineCommit() {}

  /**
   * Commits the quarantine files of main snapshot {@code mainSnapshotId}, just committed, unless
   * the quarantine table already claims that snapshot (another run recovered them first).
   *
   * @return whether this call committed them
   */
  public static boolean commit(Table quarantine, List<String> files, long mainSnapshotId) {
    return commit(quarantine, files, mainSnapshotId, false);
  }

  private static boolean commit(
      Table quarantine, List<String> files, long mainSnapshotId, boolean recovering) {
    if (files.isEmpty()) {
      return false;
    }
    List<String> present =
        files.stream().filter(file -> quarantine.io().newInputFile(file).exists()).toList();
    if (present.isEmpty()) {
      return false; // removed as orphans long after a crash: nothing left to recover
    }
    List<DataFile> dataFiles = DataFileScanner.describe(quarantine, present);
    boolean[] committed = {false};
    TableCommit.commit(
        quarantine,
        "quarantine the rejected rows of snapshot " + mainSnapshotId,
        base -> {
          // A recovered snapshot's claim may have been expired since: then the files tell.
          committed[0] =
              !claims(quarantine, base).contains(mainSnapshotId)
                  && !(recovering && holdsAny(quarantine, base, present));
          return committed[0]
              ? CommitPlan.append(dataFiles, LagoaSummary.empty().withQuarantineFor(mainSnapshotId))
              : CommitPlan.nothing();
        });
    return committed[0];
  }

  /**
   * Commits the quarantine files that snapshots of {@code main} list and no quarantine commit
   * claims: the quarantine commits a crash prevented.
   *
   * @param quarantine opens (or creates) the quarantine table; called only when a main snapshot
   *     lists quarantine files
   * @return how many main snapshots' files were committed
   */
  public static int recover(Table main, Supplier<Table> quarantine) {
    Snapshot current = main.currentSnapshot();
    if (current == null) {
      return 0;
    }
    Table table = null;
    Set<Long> claimed = null;
    int recovered = 0;
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), main::snapshot)) {
      List<String> files = LagoaSummary.of(snapshot).quarantineFiles();
      if (files.isEmpty()) {
        continue;
      }
      if (table == null) {
        table = quarantine.get();
        claimed = claims(table, table.currentSnapshot());
      }
      if (!claimed.contains(snapshot.snapshotId())
          && commit(table, files, snapshot.snapshotId(), true)) {
        recovered++;
      }
    }
    return recovered;
  }

  /** The main snapshots whose rows the quarantine table's history (from {@code base}) holds. */
  private static Set<Long> claims(Table quarantine, Snapshot base) {
    Set<Long> claims = new HashSet<>();
    if (base != null) {
      for (Snapshot snapshot : SnapshotUtil.ancestorsOf(base.snapshotId(), quarantine::snapshot)) {
        LagoaSummary.of(snapshot).quarantineFor().ifPresent(claims::add);
      }
    }
    return claims;
  }

  /** Whether the quarantine table holds any of {@code files} at {@code base}. */
  private static boolean holdsAny(Table quarantine, Snapshot base, List<String> files) {
    if (base == null) {
      return false;
    }
    Set<String> wanted = Set.copyOf(files);
    try (CloseableIterable<FileScanTask> tasks =
        quarantine.newScan().useSnapshot(base.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        if (wanted.contains(task.file().location())) {
          return true;
        }
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot list the files of %s: %s", TableCommit.nameOf(quarantine), e.getMessage());
    }
    return false;
  }
}
