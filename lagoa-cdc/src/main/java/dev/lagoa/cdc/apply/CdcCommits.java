package dev.lagoa.cdc.apply;

import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * CDC commits through the table layer's commit template: exactly {@code deleted} replaced by {@code
 * added} as planned from {@code base}, refused if another writer committed since, with the CDC
 * summary entries (see {@code CdcSummary}).
 */
public final class CdcCommits {
  private CdcCommits() {}

  public static Snapshot replaceFiles(
      Table table,
      Snapshot base,
      Collection<DataFile> deleted,
      Collection<DataFile> added,
      Map<String, String> summary) {
    return TableCommit.commit(
        table,
        base,
        CommitPlan.replaceFiles(List.copyOf(deleted), List.copyOf(added), LagoaSummary.of(summary)),
        "commit captured changes to " + TableCommit.nameOf(table));
  }
}
