package dev.lagoa.models.materialize;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What a build reads, and why, decided from the bookmark in the model's table and the current
 * snapshots of its inputs.
 *
 * @param mode {@link BuildMode#NONE} when the model is up to date
 * @param from for an incremental build, the bookmarked snapshot of each input (null: from its
 *     first)
 * @param reason for people: {@code first build}, {@code full refresh}, {@code input bronze.x was
 *     rewritten...}
 */
record BuildPlan(BuildMode mode, Map<String, Snapshot> from, String reason) {
  BuildPlan {
    requireNonNull(mode, "mode is null");
    from = Collections.unmodifiableMap(new HashMap<>(requireNonNull(from, "from is null")));
    requireNonNull(reason, "reason is null");
  }

  static BuildPlan forTable(
      Optional<Bookmark> previous, Bookmark next, boolean fullRefresh, boolean exists) {
    if (fullRefresh) {
      return new BuildPlan(BuildMode.FULL, Map.of(), "full refresh");
    }
    if (!exists || previous.isEmpty()) {
      return new BuildPlan(BuildMode.FULL, Map.of(), "first build");
    }
    if (previous.get().upstream().equals(next.upstream())
        && previous.get().fingerprint().equals(next.fingerprint())) {
      return new BuildPlan(
          BuildMode.NONE, Map.of(), "up to date: no input changed since the last build");
    }
    return new BuildPlan(
        BuildMode.FULL,
        Map.of(),
        previous.get().fingerprint().equals(next.fingerprint())
            ? "inputs changed"
            : "model SQL or settings changed");
  }

  static BuildPlan forIncremental(
      Optional<Bookmark> previous,
      Bookmark next,
      Map<String, Table> inputs,
      Map<String, Snapshot> current,
      boolean fullRefresh,
      boolean exists) {
    if (fullRefresh) {
      return new BuildPlan(BuildMode.FULL, Map.of(), "full refresh");
    }
    if (!exists || previous.isEmpty()) {
      return new BuildPlan(BuildMode.FULL, Map.of(), "first build");
    }
    Map<String, Snapshot> from = new HashMap<>();
    boolean anythingNew = false;
    for (Map.Entry<String, Table> input : inputs.entrySet()) {
      String name = input.getKey();
      Long bookmarked = previous.get().upstream().get(name);
      if (bookmarked == null) {
        return new BuildPlan(BuildMode.FULL, Map.of(), "input " + name + " is new to the model");
      }
      Snapshot now = current.get(name);
      Start start = start(name, input.getValue(), bookmarked, now);
      if (start.fullReason() != null) {
        return new BuildPlan(BuildMode.FULL, Map.of(), start.fullReason());
      }
      from.put(name, start.from());
      if (bookmarked == Bookmark.idOf(now)) {
        continue;
      }
      anythingNew = true;
    }
    if (!anythingNew) {
      return new BuildPlan(
          BuildMode.NONE,
          Map.of(),
          "up to date: no new rows in " + String.join(", ", inputs.keySet()));
    }
    return new BuildPlan(BuildMode.INCREMENTAL, from, "new rows");
  }

  /** Where an incremental read of an input starts, or why it cannot be incremental. */
  private record Start(Snapshot from, String fullReason) {}

  /**
   * The newest snapshot of the input holding the bookmarked rows ({@code bookmarked} itself or a
   * compaction of it), provided every snapshot since only appended rows or rewrote files.
   */
  private static Start start(String name, Table table, long bookmarked, Snapshot now) {
    Snapshot snapshot = now;
    while (snapshot != null) {
      if (Bookmark.idOf(snapshot) == bookmarked) {
        return new Start(snapshot, null);
      }
      String operation = snapshot.operation();
      if (!DataOperations.APPEND.equals(operation) && !DataOperations.REPLACE.equals(operation)) {
        return new Start(
            null,
            "input "
                + name
                + " was rewritten since snapshot "
                + bookmarked
                + " (snapshot "
                + snapshot.snapshotId()
                + " is an '"
                + operation
                + "', not an append), so its changes cannot be"
                + " read as new rows");
      }
      snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId());
    }
    if (bookmarked != Bookmark.EMPTY) {
      return new Start(
          null, "the history of input " + name + " no longer holds snapshot " + bookmarked);
    }
    return new Start(null, null);
  }

  /**
   * Rows in the snapshots this plan reads, from Iceberg's snapshot summaries: nothing is scanned.
   */
  long rowsIn(Map<String, Table> inputs, Map<String, Snapshot> current) {
    long rows = 0;
    for (Map.Entry<String, Table> input : inputs.entrySet()) {
      Snapshot snapshot = current.get(input.getKey());
      if (mode == BuildMode.FULL) {
        rows += snapshot == null ? 0 : summaryLong(snapshot, "total-records");
        continue;
      }
      Snapshot start = from.get(input.getKey());
      while (snapshot != null && (start == null || snapshot.snapshotId() != start.snapshotId())) {
        rows += summaryLong(snapshot, "added-records");
        snapshot =
            snapshot.parentId() == null ? null : input.getValue().snapshot(snapshot.parentId());
      }
    }
    return rows;
  }

  private static long summaryLong(Snapshot snapshot, String key) {
    String value = snapshot.summary().get(key);
    return value == null ? 0 : Long.parseLong(value);
  }
}
