package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * One input column of a model.
 *
 * @param name the column of the training table, and the field of a prediction request
 * @param missing what a missing value means (see {@link MlMissing#allowedFor})
 * @param unseen for categorical features, what a prediction does with an unknown category
 */
public record MlFeature(String name, MlFeatureType type, MlMissing missing, MlUnseen unseen) {
  public MlFeature {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(missing, "missing is null");
    requireNonNull(unseen, "unseen is null");
    if (!MlMissing.allowedFor(type).contains(missing)) {
      throw new IllegalArgumentException(
          "missing " + missing + " does not apply to a " + type + " feature");
    }
  }
}
