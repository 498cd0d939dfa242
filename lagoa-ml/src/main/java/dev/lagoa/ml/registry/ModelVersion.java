package dev.lagoa.ml.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lagoa.core.config.MlAlgorithm;
import dev.lagoa.core.config.MlParams;
import dev.lagoa.core.config.MlTask;
import dev.lagoa.ml.dataset.TrainingSnapshot;
import dev.lagoa.ml.spec.EncodedFeature;
import dev.lagoa.ml.train.Evaluation;
import java.util.List;

/**
 * One registered version of a model: everything needed to know what it is, reproduce it and serve
 * it. Stored as JSON in the registry and beside the artefact ({@code manifest.json}).
 *
 * @param createdAt ISO-8601
 * @param training the table snapshot it was trained on
 * @param artefact the Tribuo model file (protobuf)
 * @param onnx the ONNX export, or null when the algorithm has none (Tribuo 4.3 exports linear
 *     models, not trees)
 */
public record ModelVersion(
    String model,
    int version,
    String createdAt,
    MlTask task,
    String target,
    MlAlgorithm algorithm,
    MlParams params,
    long seed,
    double testFraction,
    TrainingSnapshot training,
    RowCounts rows,
    List<EncodedFeature> features,
    Evaluation evaluation,
    String promotionMetric,
    Promotion promotion,
    String artefact,
    @JsonInclude(JsonInclude.Include.NON_NULL) String onnx,
    long trainingMillis) {
  public ModelVersion {
    requireNonNull(model, "model is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(task, "task is null");
    requireNonNull(target, "target is null");
    requireNonNull(algorithm, "algorithm is null");
    requireNonNull(params, "params is null");
    requireNonNull(training, "training is null");
    requireNonNull(rows, "rows is null");
    features = List.copyOf(requireNonNull(features, "features is null"));
    requireNonNull(evaluation, "evaluation is null");
    requireNonNull(promotionMetric, "promotionMetric is null");
    requireNonNull(promotion, "promotion is null");
    requireNonNull(artefact, "artefact is null");
  }

  /** The value of a held-out metric of this version. */
  public double metric(String key) {
    Double value = evaluation.metrics().get(key);
    if (value == null) {
      throw new IllegalArgumentException("version " + version + " has no metric " + key);
    }
    return value;
  }
}
