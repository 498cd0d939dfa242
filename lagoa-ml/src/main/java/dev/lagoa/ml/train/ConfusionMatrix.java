package dev.lagoa.ml.train;

import java.util.List;

/**
 * Counts of held-out rows by true class (row) and predicted class (column).
 *
 * @param labels the classes, in row and column order
 */
public record ConfusionMatrix(List<String> labels, List<List<Long>> counts) {
  public ConfusionMatrix {
    labels = List.copyOf(labels);
    counts = counts.stream().map(List::copyOf).toList();
  }
}
