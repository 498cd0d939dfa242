package dev.lagoa.ml.spec;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.config.MlFeatureType;
import dev.lagoa.core.config.MlMissing;
import dev.lagoa.core.config.MlUnseen;
import java.util.List;

/**
 * A feature as a trained version encodes it, with what it learnt from the training split: numeric
 * features are standardised with the training mean and standard deviation (the mean also stands in
 * for a missing value when {@code missing: mean}); categorical features are one-hot encoded over
 * the training categories, in sorted order.
 *
 * @param categories for categorical features, the known values (empty otherwise)
 */
public record EncodedFeature(
    String name,
    MlFeatureType type,
    MlMissing missing,
    MlUnseen unseen,
    double mean,
    double standardDeviation,
    List<String> categories) {
  /** The category a missing value becomes under {@code missing: category}. */
  public static final String MISSING_CATEGORY = "(missing)";

  public EncodedFeature {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(missing, "missing is null");
    requireNonNull(unseen, "unseen is null");
    categories = List.copyOf(requireNonNull(categories, "categories is null"));
    if (!(standardDeviation > 0)) {
      throw new IllegalArgumentException("standardDeviation must be positive");
    }
  }
}
