package dev.lagoa.ml.predict;

import java.util.List;

/**
 * Predictions for the instances of one request, in request order, and the version that made them.
 */
public record PredictionResult(String model, int version, List<Prediction> predictions) {
  public PredictionResult {
    predictions = List.copyOf(predictions);
  }
}
