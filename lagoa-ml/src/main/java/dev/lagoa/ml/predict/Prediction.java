package dev.lagoa.ml.predict;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One instance's prediction.
 *
 * @param value the predicted number (regression) or class (classification)
 * @param scores for classification, each class's score (probabilities for linear models)
 */
public record Prediction(
    Object value, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> scores) {
  public Prediction {
    scores = scores == null ? Map.of() : Map.copyOf(scores);
  }
}
