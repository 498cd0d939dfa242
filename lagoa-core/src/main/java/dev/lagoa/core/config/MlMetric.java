package dev.lagoa.core.config;

import java.util.Locale;
import java.util.Optional;

/** A held-out metric; the promotion rule compares versions on one of them. */
public enum MlMetric {
  RMSE(MlTask.REGRESSION, false),
  MAE(MlTask.REGRESSION, false),
  R2(MlTask.REGRESSION, true),
  ACCURACY(MlTask.CLASSIFICATION, true),
  MACRO_F1(MlTask.CLASSIFICATION, true);

  private final MlTask task;
  private final boolean higherIsBetter;

  MlMetric(MlTask task, boolean higherIsBetter) {
    this.task = task;
    this.higherIsBetter = higherIsBetter;
  }

  public MlTask task() {
    return task;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** The name in lagoa.yaml, in manifests and in JSON: {@code rmse}, {@code macro_f1}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code candidate} is at least as good as {@code current} on this metric. */
  public boolean notWorse(double candidate, double current) {
    return higherIsBetter ? candidate >= current : candidate <= current;
  }

  public static MlMetric defaultFor(MlTask task) {
    return task == MlTask.REGRESSION ? RMSE : ACCURACY;
  }

  public static Optional<MlMetric> fromKey(String key) {
    for (MlMetric metric : values()) {
      if (metric.key().equalsIgnoreCase(key.replace('-', '_'))) {
        return Optional.of(metric);
      }
    }
    return Optional.empty();
  }
}
