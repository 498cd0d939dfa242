package dev.lagoa.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the {@code ml:} section of lagoa.yaml, recording every problem with its path:
 *
 * <pre>
 * ml:
 *   models:
 *     rating:
 *       table: ml.rating_features
 *       target: rating
 *       task: regression                 # regression | classification
 *       features:
 *         user_avg_rating: {type: numeric, missing: mean}
 *         genre: {type: categorical, missing: category, unseen: ignore}
 *         is_drama: {type: boolean}
 *       algorithm: cart                  # cart | linear-sgd
 *       params: {max_depth: 8, min_child_weight: 5}
 *       test_fraction: 0.2
 *       seed: 42
 *       promotion: {metric: rmse}        # rmse | mae | r2 | accuracy | macro_f1
 * </pre>
 */
final class MlConfigReader {
  private static final Set<String> CART_PARAMS = Set.of("max_depth", "min_child_weight");
  private static final Set<String> SGD_PARAMS = Set.of("epochs", "learning_rate", "minibatch");

  private MlConfigReader() {}

  static MlConfig read(ConfigNode ml) {
    Map<String, MlModelConfig> models = new LinkedHashMap<>();
    ml.namedChildren("models", MlConfigReader::model)
        .forEach(
            (name, model) -> {
              if (model != null) {
                models.put(name, model);
              }
            });
    ml.rejectUnknownKeys();
    return new MlConfig(models);
  }

  private static MlModelConfig model(String name, ConfigNode node) {
    int problemsBefore = node.problems().all().size();
    if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      node.problems()
          .add(
              node.path(),
              "is not a valid model name: use letters, digits, '_' and '-', starting with a letter");
    }
    String table = node.requiredString("table");
    if (!table.isEmpty()) {
      TableName.check(node.problems(), node.path() + ".table", table);
    }
    String target = node.requiredString("target");
    MlTask task = node.enumValue("task", MlTask.class, MlTask.REGRESSION);
    List<MlFeature> features = new ArrayList<>();
    node.namedChildren("features", MlConfigReader::feature)
        .values()
        .forEach(
            feature -> {
              if (feature != null) {
                features.add(feature);
              }
            });
    if (!node.has("features")) {
      node.problems().add(node.path() + ".features", "is missing but it is required");
    }
    if (features.stream().anyMatch(f -> f.name().equals(target))) {
      node.problems()
          .add(node.path() + ".features." + target, "is the target; a model cannot learn from it");
    }
    MlAlgorithm algorithm = node.enumValue("algorithm", MlAlgorithm.class, MlAlgorithm.CART);
    MlParams params = params(node.child("params"), algorithm);
    double testFraction = decimal(node, "test_fraction", 0.2);
    if (!(testFraction > 0 && testFraction < 1)) {
      node.problems()
          .add(
              node.path() + ".test_fraction",
              "was '" + testFraction + "' but it must be between 0 and 1 (exclusive)");
      testFraction = 0.2;
    }
    long seed = node.integer("seed", 42, 0);
    ConfigNode promotion = node.child("promotion");
    MlMetric metric = metric(promotion, task);
    promotion.rejectUnknownKeys();
    node.rejectUnknownKeys();
    if (node.problems().all().size() > problemsBefore) {
      return null;
    }
    return new MlModelConfig(
        name, table, target, task, features, algorithm, params, testFraction, seed, metric);
  }

  private static MlFeature feature(String name, ConfigNode node) {
    MlFeatureType type = node.enumValue("type", MlFeatureType.class, null);
    if (type == null && !node.has("type")) {
      node.problems().add(node.path() + ".type", "is missing but it is required");
    }
    MlFeatureType known = type == null ? MlFeatureType.NUMERIC : type;
    MlMissing missing = node.enumValue("missing", MlMissing.class, MlMissing.DROP);
    if (!MlMissing.allowedFor(known).contains(missing)) {
      Set<String> allowed = new TreeSet<>();
      MlMissing.allowedFor(known).forEach(m -> allowed.add(m.name().toLowerCase()));
      node.problems()
          .add(
              node.path() + ".missing",
              "was '"
                  + missing.name().toLowerCase()
                  + "' but for a "
                  + known.name().toLowerCase()
                  + " feature it must be one of "
                  + String.join(", ", allowed));
      missing = MlMissing.DROP;
    }
    MlUnseen unseen = node.enumValue("unseen", MlUnseen.class, MlUnseen.REJECT);
    if (node.has("unseen") && known != MlFeatureType.CATEGORICAL) {
      node.problems().add(node.path() + ".unseen", "applies only to categorical features");
    }
    node.rejectUnknownKeys();
    return type == null ? null : new MlFeature(name, type, missing, unseen);
  }

  private static MlParams params(ConfigNode node, MlAlgorithm algorithm) {
    MlParams d = MlParams.DEFAULT;
    Set<String> allowed = algorithm == MlAlgorithm.CART ? CART_PARAMS : SGD_PARAMS;
    for (String key : knownParams()) {
      if (node.has(key) && !allowed.contains(key)) {
        node.problems()
            .add(
                node.path() + "." + key,
                "does not apply to algorithm "
                    + algorithm.name().toLowerCase().replace('_', '-')
                    + " (its params: "
                    + String.join(", ", new TreeSet<>(allowed))
                    + ")");
      }
    }
    MlParams params =
        new MlParams(
            node.integer("max_depth", d.maxDepth(), 1),
            positive(node, "min_child_weight", d.minChildWeight()),
            node.integer("epochs", d.epochs(), 1),
            positive(node, "learning_rate", d.learningRate()),
            node.integer("minibatch", d.minibatchSize(), 1));
    node.rejectUnknownKeys();
    return params;
  }

  private static Set<String> knownParams() {
    Set<String> all = new TreeSet<>(CART_PARAMS);
    all.addAll(SGD_PARAMS);
    return all;
  }

  private static MlMetric metric(ConfigNode promotion, MlTask task) {
    Optional<String> name = promotion.optionalString("metric");
    if (name.isEmpty()) {
      return MlMetric.defaultFor(task);
    }
    Optional<MlMetric> metric = MlMetric.fromKey(name.get());
    List<String> allowed = new ArrayList<>();
    for (MlMetric m : MlMetric.values()) {
      if (m.task() == task) {
        allowed.add(m.key());
      }
    }
    if (metric.isEmpty() || metric.get().task() != task) {
      promotion
          .problems()
          .add(
              promotion.path() + ".metric",
              "was '"
                  + name.get()
                  + "' but for "
                  + task.name().toLowerCase()
                  + " it must be one of "
                  + String.join(", ", allowed));
      return MlMetric.defaultFor(task);
    }
    return metric.get();
  }

  private static double positive(ConfigNode node, String key, double defaultValue) {
    double value = decimal(node, key, defaultValue);
    if (!(value > 0)) {
      node.problems().add(node.path() + "." + key, "was '" + value + "' but it must be positive");
      return defaultValue;
    }
    return value;
  }

  private static double decimal(ConfigNode node, String key, double defaultValue) {
    Optional<String> text = node.optionalString(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      double value = Double.parseDouble(text.get());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    node.problems()
        .add(node.path() + "." + key, "was '" + text.get() + "' but it must be a number");
    return defaultValue;
  }
}
