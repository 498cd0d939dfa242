package dev.lagoa.models.materialize;

import static java.util.Objects.requireNonNull;

import dev.lagoa.iceberg.commit.LagoaSummary;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What a model's last build read, stored in the summary of the snapshot that wrote its result: the
 * snapshot id of every input table, and a fingerprint of the model's SQL and settings. The next run
 * reads from there; since the bookmark and the data are one commit, they cannot disagree.
 *
 * @param upstream catalog table → data version of the snapshot read ({@link
 *     LagoaSummary#dataVersion}), {@link #EMPTY} when the table had none
 */
public record Bookmark(String model, Map<String, Long> upstream, String fingerprint) {
  /** The snapshot id recorded for an input table that had no snapshot yet. */
  public static final long EMPTY = 0L;

  public Bookmark {
    requireNonNull(model, "model is null");
    upstream = Map.copyOf(requireNonNull(upstream, "upstream is null"));
    requireNonNull(fingerprint, "fingerprint is null");
  }

  /**
   * The bookmark of {@code model} in the table's current snapshot. Every commit carries the
   * bookmark forward ({@link LagoaSummary#carriedFrom}); older snapshots are searched only for
   * tables written before it did.
   */
  public static Optional<Bookmark> read(Table table, String model) {
    Snapshot snapshot = table.currentSnapshot();
    while (snapshot != null) {
      Optional<LagoaSummary.ModelBookmark> entry = LagoaSummary.of(snapshot).modelBookmark();
      if (entry.isPresent() && entry.get().model().equals(model)) {
        return Optional.of(new Bookmark(model, entry.get().upstream(), entry.get().fingerprint()));
      }
      snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
    }
    return Optional.empty();
  }

  /** The summary entries holding this bookmark. */
  public LagoaSummary toSummary() {
    return LagoaSummary.empty()
        .withModelBookmark(new LagoaSummary.ModelBookmark(model, upstream, fingerprint));
  }

  /**
   * The version to record for an input read at {@code snapshot} (null: the input was empty): its
   * data version, so that compaction of an input is not new data.
   */
  public static long idOf(Snapshot snapshot) {
    return LagoaSummary.dataVersion(snapshot);
  }
}
