package dev.lagoa.ml.predict;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.config.MlTask;
import dev.lagoa.ml.registry.ArtefactStore;
import dev.lagoa.ml.registry.ModelRegistry;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.ml.spec.EncodedFeature;
import dev.lagoa.ml.spec.FeatureEncoder;
import dev.lagoa.ml.spec.InvalidFeatureException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Serves predictions. Thread-safe: loaded versions are immutable and cached; which version a model
 * serves is read from the registry at most once per {@code servedRefresh}, so a version promoted by
 * another process (lagoa train, the scheduler) is picked up within that time.
 */
public final class Predictor {
  private final ModelRegistry registry;
  private final ArtefactStore store;
  private final Clock clock;
  private final Duration servedRefresh;
  private final Map<String, LoadedModel> loaded = new ConcurrentHashMap<>();
  private final Map<String, Served> served = new ConcurrentHashMap<>();

  private record Served(int version, long readAtMillis) {}

  private record LoadedModel(ModelVersion version, FeatureEncoder encoder, Model<?> model) {}

  public Predictor(
      ModelRegistry registry, ArtefactStore store, Clock clock, Duration servedRefresh) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    this.servedRefresh = servedRefresh;
  }

  /**
   * Predicts for {@code instances} (JSON objects of feature values) with {@code version}, or with
   * the served version when empty.
   *
   * @throws InvalidFeatureException naming {@code instances[i].feature} for a bad instance
   * @throws UnknownModelException for an unknown model or version
   */
  public PredictionResult predict(String model, OptionalInt version, List<JsonNode> instances) {
    LoadedModel loadedModel = load(model, version.isPresent() ? version.getAsInt() : served(model));
    List<Prediction> predictions = new ArrayList<>(instances.size());
    for (int i = 0; i < instances.size(); i++) {
      String prefix = instances.size() == 1 ? "" : "instances[" + i + "].";
      predictions.add(predictOne(loadedModel, instances.get(i), prefix));
    }
    return new PredictionResult(model, loadedModel.version().version(), predictions);
  }

  /** Forgets which version {@code model} serves, so the next prediction reads it again. */
  public void invalidate(String model) {
    served.remove(model);
  }

  private Prediction predictOne(LoadedModel loadedModel, JsonNode instance, String prefix) {
    if (instance == null || !instance.isObject()) {
      throw new InvalidFeatureException(
          prefix.isEmpty() ? "instance" : prefix.substring(0, prefix.length() - 1),
          "Cannot predict: an instance must be a JSON object of feature values, was "
              + (instance == null ? "nothing" : instance.getNodeType().name().toLowerCase()));
    }
    List<EncodedFeature> features = loadedModel.encoder().features();
    Object[] values = new Object[features.size()];
    try {
      for (int f = 0; f < values.length; f++) {
        EncodedFeature feature = features.get(f);
        values[f] = FeatureEncoder.fromJson(feature, instance.get(feature.name()));
      }
      FeatureEncoder.Encoded encoded = loadedModel.encoder().encode(values);
      return loadedModel.version().task() == MlTask.REGRESSION
          ? regression(loadedModel, encoded)
          : classification(loadedModel, encoded);
    } catch (InvalidFeatureException e) {
      if (prefix.isEmpty()) {
        throw e;
      }
      throw new InvalidFeatureException(
          prefix + e.field(), e.getMessage().replace("feature " + e.field(), prefix + e.field()));
    } catch (IllegalArgumentException e) {
      // Tribuo refuses an example none of whose features the model knows.
      throw new InvalidFeatureException(
          prefix.isEmpty() ? "instance" : prefix.substring(0, prefix.length() - 1),
          "Cannot predict: the instance has no feature value the model knows ("
              + e.getMessage()
              + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private static Prediction regression(LoadedModel loadedModel, FeatureEncoder.Encoded encoded) {
    Model<Regressor> model = (Model<Regressor>) loadedModel.model();
    Example<Regressor> example =
        new ArrayExample<>(RegressionFactory.UNKNOWN_REGRESSOR, encoded.names(), encoded.values());
    return new Prediction(model.predict(example).getOutput().getValues()[0], Map.of());
  }

  @SuppressWarnings("unchecked")
  private static Prediction classification(
      LoadedModel loadedModel, FeatureEncoder.Encoded encoded) {
    Model<Label> model = (Model<Label>) loadedModel.model();
    Example<Label> example =
        new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, encoded.names(), encoded.values());
    org.tribuo.Prediction<Label> prediction = model.predict(example);
    Map<String, Double> scores = new LinkedHashMap<>();
    prediction.getOutputScores().forEach((label, score) -> scores.put(label, score.getScore()));
    return new Prediction(prediction.getOutput().getLabel(), scores);
  }

  private int served(String model) {
    long now = clock.millis();
    Served cached = served.get(model);
    if (cached != null && now - cached.readAtMillis() < servedRefresh.toMillis()) {
      return cached.version();
    }
    OptionalInt version = registry.servedVersion(model);
    if (version.isEmpty()) {
      throw new UnknownModelException(
          "Cannot predict with model "
              + model
              + ": it has no served version (train it first: lagoa train "
              + model
              + ")");
    }
    served.put(model, new Served(version.getAsInt(), now));
    return version.getAsInt();
  }

  private LoadedModel load(String model, int version) {
    String key = model + "\u0000" + version;
    LoadedModel cached = loaded.get(key);
    if (cached != null) {
      return cached;
    }
    ModelVersion manifest =
        registry
            .version(model, version)
            .orElseThrow(
                () ->
                    new UnknownModelException(
                        "Cannot predict with model "
                            + model
                            + " version "
                            + version
                            + ": no such version"));
    LoadedModel result =
        new LoadedModel(
            manifest, new FeatureEncoder(manifest.features()), store.readModel(manifest));
    loaded.put(key, result);
    return result;
  }
}
