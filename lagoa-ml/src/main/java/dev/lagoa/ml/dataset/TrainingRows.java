package dev.lagoa.ml.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The rows of a training snapshot, in a fixed order, each marked for training or evaluation.
 *
 * @param features per row, the feature values in the model's feature order (Double, Boolean, String
 *     or null)
 * @param targets per row, the target (Double for regression, String for classification)
 * @param heldOut per row, whether it belongs to the evaluation split
 * @param rowsRead rows in the snapshot
 * @param rowsDropped rows left out for a missing target or a missing {@code missing: drop} feature
 */
public record TrainingRows(
    TrainingSnapshot snapshot,
    List<Object[]> features,
    List<Object> targets,
    boolean[] heldOut,
    long rowsRead,
    long rowsDropped) {
  public TrainingRows {
    requireNonNull(snapshot, "snapshot is null");
    features = List.copyOf(features);
    targets = List.copyOf(targets);
    if (features.size() != targets.size() || heldOut.length != targets.size()) {
      throw new IllegalArgumentException("features, targets and heldOut must have one entry a row");
    }
  }

  public int size() {
    return targets.size();
  }

  public long heldOutCount() {
    long count = 0;
    for (boolean b : heldOut) {
      count += b ? 1 : 0;
    }
    return count;
  }
}
