package dev.lagoa.duckdb.maintain;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.StructLikeWrapper;

/**
 * Rewrites the small data files of each partition into files of about the target size, in one
 * Iceberg {@code replace} commit that changes no rows. The commit carries the table's ledgers and
 * bookmark ({@link LagoaSummary#carriedFrom}) and records the data version it keeps, so loaders
 * still know what they consumed and models reading the table see nothing new.
 *
 * <p>Only files of the table's current partition spec are compacted; a partition is rewritten when
 * it has at least two files smaller than the target.
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

  public Result compact(Table table, long targetFileBytes) {
    table.refresh();
    Snapshot base = table.currentSnapshot();
    if (base == null) {
      return Result.NOTHING;
    }
    List<List<DataFile>> groups = smallFilesByPartition(table, base, targetFileBytes);
    if (groups.isEmpty()) {
      return Result.NOTHING;
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
    // Files other writers add meanwhile are kept; if one of them removed a file this rewrites,
    // Iceberg refuses the rewrite and the next maintenance run plans again.
    TableCommit.commit(
        table,
        "compact " + TableCommit.nameOf(table),
        current ->
            CommitPlan.rewrite(deleted, added, LagoaSummary.empty().withMaintenance("compact")));
    return new Result(groups.size(), deleted.size(), added.size());
  }

  private static List<List<DataFile>> smallFilesByPartition(
      Table table, Snapshot base, long targetFileBytes) {
    int specId = table.spec().specId();
    Map<StructLikeWrapper, List<DataFile>> byPartition = new LinkedHashMap<>();
    for (DataFile file : TableWriter.dataFiles(table, base)) {
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
}
