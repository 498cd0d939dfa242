package dev.lagoa.duckdb.maintain;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.commit.CommitConflictException;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.util.StructLikeWrapper;

/**
 * Rewrites the small data files of each partition into files of about the target size, in one
 * Iceberg {@code replace} commit that changes no rows. The commit carries the table's ledgers and
 * bookmark ({@link LagoaSummary#carriedFrom}) and records the data version it keeps, so loaders
 * still know what they consumed and models reading the table see nothing new.
 *
 * <p>Only files of the table's current partition spec without row-level deletes are compacted; a
 * partition is rewritten when it has at least two such files smaller than the target.
 */
public final class Compaction {
  private final TableWriter writer;

  public Compaction(TableWriter writer) {
    this.writer = writer;
  }

  /** What one compaction did. */
  public record Result(int partitionsRewritten, int filesRemoved, int filesAdded) {
    public static final Result NOTHING = new Result(0, 0, 0);
  }

  /**
   * A compaction written but not committed: the files it rewrites, as seen in snapshot {@code
   * base}, and their rewrite.
   */
  public record Plan(Snapshot base, int partitions, List<DataFile> deleted, List<DataFile> added) {
    public static final Plan NOTHING = new Plan(null, 0, List.of(), List.of());

    public Plan {
      deleted = List.copyOf(deleted);
      added = List.copyOf(added);
    }
  }

  public Result compact(Table table, long targetFileBytes) {
    return commit(table, plan(table, targetFileBytes));
  }

  /** Writes the rewrite of each partition's small files, as of the table's current snapshot. */
  public Plan plan(Table table, long targetFileBytes) {
    table.refresh();
    Snapshot base = table.currentSnapshot();
    if (base == null) {
      return Plan.NOTHING;
    }
    List<List<DataFile>> groups = smallFilesByPartition(table, base, targetFileBytes);
    if (groups.isEmpty()) {
      return Plan.NOTHING;
    }
    List<DataFile> deleted = new ArrayList<>();
    List<DataFile> added = new ArrayList<>();
    for (List<DataFile> group : groups) {
      String rows = TableViews.relation(table.schema(), group);
      List<DataFile> written =
          writer.writeFiles(table, rows, targetFileBytes).stream()
              .filter(file -> file.recordCount() > 0)
              .toList();
      long before = group.stream().mapToLong(DataFile::recordCount).sum();
      long after = written.stream().mapToLong(DataFile::recordCount).sum();
      if (before != after) {
        throw LagoaException.internal(
            null,
            "Cannot compact %s: %d files held %d rows but their rewrite holds %d; nothing was"
                + " committed",
            TableCommit.nameOf(table),
            group.size(),
            before,
            after);
      }
      deleted.addAll(group);
      added.addAll(written);
    }
    return new Plan(base, groups.size(), deleted, added);
  }

  /**
   * Commits a planned compaction. Writers that committed since it was planned are kept: when they
   * only added files (a loader, an appending model) the rewrite is applied on top of their
   * snapshot, ledgers carried from it. When one of them removed or replaced a file this compaction
   * rewrites (a model overwriting partitions, another compaction), the rewrite would bring back
   * rows that writer removed, so it is refused: its files are deleted, nothing is committed, and
   * the next maintenance run plans again.
   *
   * @throws CommitConflictException when another writer replaced files this compaction rewrites
   */
  public Result commit(Table table, Plan plan) {
    if (plan.deleted().isEmpty()) {
      return Result.NOTHING;
    }
    String action = "compact " + TableCommit.nameOf(table);
    try {
      TableCommit.commit(
          table,
          action,
          current -> {
            if (current != null && current.snapshotId() == plan.base().snapshotId()) {
              return CommitPlan.rewrite(
                  plan.deleted(), plan.added(), LagoaSummary.empty().withMaintenance("compact"));
            }
            Set<String> live = new HashSet<>();
            TableWriter.dataFiles(table, current).forEach(file -> live.add(file.location()));
            List<DataFile> gone =
                plan.deleted().stream().filter(file -> !live.contains(file.location())).toList();
            if (!gone.isEmpty()) {
              throw new CommitConflictException(
                  TableCommit.nameOf(table),
                  String.format(
                      "Cannot %s: another writer replaced %d of the %d files this compaction"
                          + " rewrites (snapshot %s, planned from %s), so its rewrite would bring"
                          + " back rows that writer removed; nothing was committed, run lagoa"
                          + " maintain --compact again",
                      action,
                      gone.size(),
                      plan.deleted().size(),
                      current == null ? "(none)" : current.snapshotId(),
                      plan.base().snapshotId()),
                  null);
            }
            return CommitPlan.rewrite(
                plan.deleted(), plan.added(), LagoaSummary.empty().withMaintenance("compact"));
          });
    } catch (CommitConflictException e) {
      plan.added().forEach(file -> table.io().deleteFile(file.location()));
      throw e;
    }
    return new Result(plan.partitions(), plan.deleted().size(), plan.added().size());
  }

  private static List<List<DataFile>> smallFilesByPartition(
      Table table, Snapshot base, long targetFileBytes) {
    int specId = table.spec().specId();
    Map<StructLikeWrapper, List<DataFile>> byPartition = new LinkedHashMap<>();
    for (DataFile file : filesWithoutDeletes(table, base)) {
      if (file.specId() == specId && file.fileSizeInBytes() < targetFileBytes) {
        StructLike partition = file.partition();
        byPartition
            .computeIfAbsent(
                StructLikeWrapper.forType(table.spec().partitionType()).set(partition),
                key -> new ArrayList<>())
            .add(file);
      }
    }
    return byPartition.values().stream().filter(files -> files.size() > 1).toList();
  }

  /**
   * The table's data files that no delete file applies to. A file with row-level deletes (Spark's
   * merge-on-read) is left as it is: rewriting it would have to drop its delete files in the same
   * commit; Spark's {@code rewrite_data_files} does that.
   */
  private static List<DataFile> filesWithoutDeletes(Table table, Snapshot base) {
    List<DataFile> files = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(base.snapshotId()).includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        if (task.deletes().isEmpty() && seen.add(task.file().location())) {
          files.add(task.file());
        }
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot list the files of %s: %s", table.name(), e.getMessage());
    }
    return files;
  }
}
