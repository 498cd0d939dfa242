package dev.lagoa.ml.spec;

import dev.lagoa.core.config.MlFeatureType;
import dev.lagoa.core.config.MlMissing;
import dev.lagoa.core.config.MlUnseen;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one instance's feature values into the named numeric features a Tribuo model reads.
 * Training values come from the table (already typed: Double, Boolean, String or null); prediction
 * values come from JSON and are checked here, so every bad input is refused with the field named.
 */
public final class FeatureEncoder {
  private final List<EncodedFeature> features;
  private final List<Set<String>> categories;

  public FeatureEncoder(List<EncodedFeature> features) {
    this.features = List.copyOf(features);
    this.categories = new ArrayList<>();
    for (EncodedFeature feature : this.features) {
      categories.add(new HashSet<>(feature.categories()));
    }
  }

  public List<EncodedFeature> features() {
    return features;
  }

  /** The encoded feature names and values of one instance, given in feature order. */
  public record Encoded(String[] names, double[] values) {}

  /**
   * Encodes values given in feature order: {@code Double} (numeric), {@code Boolean}, {@code
   * String} (categorical) or null when missing.
   *
   * @throws InvalidFeatureException when a value is missing under {@code missing: drop}, or a
   *     category is unknown under {@code unseen: reject}
   */
  public Encoded encode(Object[] values) {
    return encode(values, true);
  }

  /**
   * As {@link #encode(Object[])}; with {@code rejectUnseen} false an unknown category is ignored
   * whatever the feature says (evaluation rows may hold categories the training split lacks).
   */
  public Encoded encode(Object[] values, boolean rejectUnseen) {
    List<String> names = new ArrayList<>(features.size());
    double[] encoded = new double[features.size()];
    int count = 0;
    for (int i = 0; i < features.size(); i++) {
      EncodedFeature feature = features.get(i);
      Object value = values[i];
      switch (feature.type()) {
        case NUMERIC -> {
          double x;
          if (value == null) {
            x = feature.missing() == MlMissing.ZERO ? 0.0 : feature.mean();
            requirePresentUnlessImputed(feature);
          } else {
            x = ((Number) value).doubleValue();
          }
          names.add(feature.name());
          encoded[count++] = (x - feature.mean()) / feature.standardDeviation();
        }
        case BOOLEAN -> {
          if (value == null) {
            requirePresentUnlessImputed(feature);
          }
          names.add(feature.name());
          encoded[count++] = Boolean.TRUE.equals(value) ? 1.0 : 0.0;
        }
        case CATEGORICAL -> {
          String category = value == null ? null : value.toString();
          if (category == null) {
            requirePresentUnlessImputed(feature);
            category = EncodedFeature.MISSING_CATEGORY;
          }
          if (categories.get(i).contains(category)) {
            names.add(feature.name() + "=" + category);
            encoded[count++] = 1.0;
          } else if (rejectUnseen && feature.unseen() == MlUnseen.REJECT) {
            throw new InvalidFeatureException(
                feature.name(),
                String.format(
                    "Cannot predict: feature %s has the value '%s', which the training data never had (known: %s)",
                    feature.name(), category, abbreviated(feature.categories())));
          }
          // unseen: ignore -> no indicator is set
        }
      }
    }
    double[] trimmed = java.util.Arrays.copyOf(encoded, count);
    return new Encoded(names.toArray(String[]::new), trimmed);
  }

  private static void requirePresentUnlessImputed(EncodedFeature feature) {
    if (feature.missing() == MlMissing.DROP) {
      throw new InvalidFeatureException(
          feature.name(),
          String.format(
              "Cannot predict: feature %s is missing (a %s value is required)",
              feature.name(), feature.type().name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /**
   * Reads a JSON value of a prediction request as the feature's type, or null when absent or JSON
   * null.
   *
   * @throws InvalidFeatureException when the value has the wrong type
   */
  public static Object fromJson(
      EncodedFeature feature, com.fasterxml.jackson.databind.JsonNode json) {
    if (json == null || json.isNull() || json.isMissingNode()) {
      return null;
    }
    MlFeatureType type = feature.type();
    return switch (type) {
      case NUMERIC -> {
        if (!json.isNumber() || !Double.isFinite(json.asDouble())) {
          throw wrongType(feature, json, "a number");
        }
        yield json.asDouble();
      }
      case BOOLEAN -> {
        if (!json.isBoolean()) {
          throw wrongType(feature, json, "true or false");
        }
        yield json.asBoolean();
      }
      case CATEGORICAL -> {
        if (!json.isTextual() && !json.isNumber() && !json.isBoolean()) {
          throw wrongType(feature, json, "a single value (one of the categories)");
        }
        yield json.asText();
      }
    };
  }

  private static InvalidFeatureException wrongType(
      EncodedFeature feature, com.fasterxml.jackson.databind.JsonNode json, String expected) {
    String shown = json.toString();
    if (shown.length() > 60) {
      shown = shown.substring(0, 60) + "…";
    }
    return new InvalidFeatureException(
        feature.name(),
        String.format(
            "Cannot predict: feature %s is %s, expected %s", feature.name(), shown, expected));
  }

  private static String abbreviated(List<String> values) {
    return values.size() <= 10
        ? String.join(", ", values)
        : String.join(", ", values.subList(0, 10)) + ", … (" + values.size() + " in all)";
  }
}
