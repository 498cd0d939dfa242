package dev.lagoa.iceberg.commit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.DataFile;

/**
 * What one commit changes, as planned from a snapshot of the table: the data files it removes and
 * adds, how (see {@link Kind}), and the Lagoa summary entries it records.
 */
public record CommitPlan(
    Kind kind, List<DataFile> deleted, List<DataFile> added, LagoaSummary summary) {

  /** How the files combine with the table's current ones. */
  public enum Kind {
    /** Nothing to commit. */
    NOTHING,
    /** Add files (an Iceberg {@code append}). */
    APPEND,
    /**
     * Replace exactly {@code deleted} with {@code added} (an {@code overwrite}; an {@code append}
     * when nothing is deleted, so incremental readers see new rows as new rows).
     */
    REPLACE_FILES,
    /** Replace every partition the added files touch (Iceberg's dynamic overwrite). */
    OVERWRITE_PARTITIONS,
    /** Rewrite files without changing rows: compaction (an Iceberg {@code replace}). */
    REWRITE
  }

  public CommitPlan {
    requireNonNull(kind, "kind is null");
    deleted = List.copyOf(requireNonNull(deleted, "deleted is null"));
    added = List.copyOf(requireNonNull(added, "added is null"));
    requireNonNull(summary, "summary is null");
    if (!deleted.isEmpty() && kind != Kind.REPLACE_FILES && kind != Kind.REWRITE) {
      throw new IllegalArgumentException("Cannot delete files in a commit of kind " + kind);
    }
  }

  public static CommitPlan nothing() {
    return new CommitPlan(Kind.NOTHING, List.of(), List.of(), LagoaSummary.empty());
  }

  public static CommitPlan append(List<DataFile> added, LagoaSummary summary) {
    return new CommitPlan(Kind.APPEND, List.of(), added, summary);
  }

  public static CommitPlan replaceFiles(
      List<DataFile> deleted, List<DataFile> added, LagoaSummary summary) {
    return new CommitPlan(Kind.REPLACE_FILES, deleted, added, summary);
  }

  public static CommitPlan overwritePartitions(List<DataFile> added, LagoaSummary summary) {
    return new CommitPlan(Kind.OVERWRITE_PARTITIONS, List.of(), added, summary);
  }

  public static CommitPlan rewrite(
      List<DataFile> deleted, List<DataFile> added, LagoaSummary summary) {
    return new CommitPlan(Kind.REWRITE, deleted, added, summary);
  }

  /** Whether the commit leaves the table's rows as they were. */
  boolean keepsRows() {
    return kind == Kind.REWRITE || (deleted.isEmpty() && added.isEmpty());
  }
}
