package dev.lagoa.ml.dataset;

import static java.util.Objects.requireNonNull;

/**
 * The exact data a model version was trained on: one snapshot of one table.
 *
 * @param committedAt when the snapshot was committed, ISO-8601
 */
public record TrainingSnapshot(String table, long snapshotId, String committedAt) {
  public TrainingSnapshot {
    requireNonNull(table, "table is null");
    requireNonNull(committedAt, "committedAt is null");
  }
}
