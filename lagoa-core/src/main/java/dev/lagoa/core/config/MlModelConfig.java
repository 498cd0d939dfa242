package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A model declared under {@code ml.models} in lagoa.yaml.
 *
 * @param table the training table ({@code namespace.name}), e.g. the table of a SQL model that
 *     builds the features
 * @param target the column to predict
 * @param testFraction the share of rows held out for evaluation, in (0, 1)
 * @param seed decides the split and the learner's randomness: same snapshot + seed, same model
 * @param promotionMetric a new version is served only if it is not worse on this metric
 */
public record MlModelConfig(
    String name,
    String table,
    String target,
    MlTask task,
    List<MlFeature> features,
    MlAlgorithm algorithm,
    MlParams params,
    double testFraction,
    long seed,
    MlMetric promotionMetric) {
  public MlModelConfig {
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    requireNonNull(target, "target is null");
    requireNonNull(task, "task is null");
    features = List.copyOf(requireNonNull(features, "features is null"));
    requireNonNull(algorithm, "algorithm is null");
    requireNonNull(params, "params is null");
    requireNonNull(promotionMetric, "promotionMetric is null");
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in (0, 1), was " + testFraction);
    }
    if (promotionMetric.task() != task) {
      throw new IllegalArgumentException(
          "promotion metric " + promotionMetric.key() + " does not apply to " + task);
    }
  }

  /** The feature called {@code name}. */
  public java.util.Optional<MlFeature> feature(String name) {
    return features.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
