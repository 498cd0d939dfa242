package dev.lagoa.ml.train;

import java.util.Map;
import java.util.TreeMap;

/**
 * A version's held-out metrics next to those of a trivial baseline trained on the same split (the
 * mean for regression, the most frequent class for classification).
 *
 * @param metrics by key: rmse, mae, r2 — or accuracy, macro_f1
 * @param confusion for classification, the model's confusion matrix; null for regression
 */
public record Evaluation(
    Map<String, Double> metrics,
    Map<String, Double> baselineMetrics,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        ConfusionMatrix confusion) {
  public Evaluation {
    metrics = new TreeMap<>(metrics);
    baselineMetrics = new TreeMap<>(baselineMetrics);
  }
}
