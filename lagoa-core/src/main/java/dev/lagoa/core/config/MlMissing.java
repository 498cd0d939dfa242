package dev.lagoa.core.config;

import java.util.Set;

/** What to do when a feature has no value (NULL in the table, absent or null in a prediction). */
public enum MlMissing {
  /** Training leaves the row out (counted); a prediction without the value is refused. */
  DROP,
  /** Numeric: the training rows' mean stands in. */
  MEAN,
  /** Numeric: zero stands in. */
  ZERO,
  /** Categorical: "missing" is a category of its own. */
  CATEGORY,
  /** Boolean: missing reads as false. */
  FALSE;

  /** The policies that make sense for a feature of {@code type}. */
  public static Set<MlMissing> allowedFor(MlFeatureType type) {
    return switch (type) {
      case NUMERIC -> Set.of(DROP, MEAN, ZERO);
      case CATEGORICAL -> Set.of(DROP, CATEGORY);
      case BOOLEAN -> Set.of(DROP, FALSE);
    };
  }
}
