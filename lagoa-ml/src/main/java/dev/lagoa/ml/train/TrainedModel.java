package dev.lagoa.ml.train;

import dev.lagoa.ml.spec.EncodedFeature;
import java.util.List;
import org.tribuo.Model;

/** The outcome of one training: the Tribuo model, how it encodes features, and how it did. */
public record TrainedModel(
    Model<?> model,
    List<EncodedFeature> features,
    Evaluation evaluation,
    long trainRows,
    long testRows,
    long trainingMillis) {
  public TrainedModel {
    features = List.copyOf(features);
  }
}
