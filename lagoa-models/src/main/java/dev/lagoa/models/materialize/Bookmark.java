package dev.lagoa.models.materialize;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What a model's last build read, stored in the summary of the snapshot that wrote its result: the
 * snapshot id of every input table, and a fingerprint of the model's SQL and settings. The next run
 * reads from there; since the bookmark and the data are one commit, they cannot disagree.
 *
 * @param upstream catalog table → id of the snapshot read, {@link #EMPTY} when the table had none
 */
public record Bookmark(String model, Map<String, Long> upstream, String fingerprint) {
  /** The snapshot id recorded for an input table that had no snapshot yet. */
  public static final long EMPTY = 0L;

  static final String MODEL = "lagoa.model.name";
  static final String UPSTREAM = "lagoa.model.upstream.";
  static final String FINGERPRINT = "lagoa.model.fingerprint";

  public Bookmark {
    requireNonNull(model, "model is null");
    upstream = Map.copyOf(requireNonNull(upstream, "upstream is null"));
    requireNonNull(fingerprint, "fingerprint is null");
  }

  /**
   * The bookmark of the latest snapshot of {@code table} written by {@code model}, looking past
   * snapshots other writers (maintenance) added since.
   */
  public static Optional<Bookmark> read(Table table, String model) {
    Snapshot snapshot = table.currentSnapshot();
    while (snapshot != null) {
      Map<String, String> summary = snapshot.summary();
      if (model.equals(summary.get(MODEL))) {
        Map<String, Long> upstream = new TreeMap<>();
        summary.forEach(
            (key, value) -> {
              if (key.startsWith(UPSTREAM)) {
                upstream.put(key.substring(UPSTREAM.length()), Long.parseLong(value));
              }
            });
        return Optional.of(new Bookmark(model, upstream, summary.getOrDefault(FINGERPRINT, "")));
      }
      snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
    }
    return Optional.empty();
  }

  /** The snapshot summary properties holding this bookmark. */
  public Map<String, String> toSummary() {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put(MODEL, model);
    summary.put(FINGERPRINT, fingerprint);
    new TreeMap<>(upstream)
        .forEach((table, snapshot) -> summary.put(UPSTREAM + table, Long.toString(snapshot)));
    return summary;
  }

  /** The id to record for an input read at {@code snapshot} (null: the input was empty). */
  public static long idOf(Snapshot snapshot) {
    return snapshot == null ? EMPTY : snapshot.snapshotId();
  }
}
