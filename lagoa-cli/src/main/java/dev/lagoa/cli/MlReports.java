package dev.lagoa.cli;

import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.ml.spec.EncodedFeature;
import dev.lagoa.ml.train.ConfusionMatrix;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How the ml commands print a model version. */
final class MlReports {
  private MlReports() {}

  static String metric(ModelVersion version, String key) {
    Double value = version.evaluation().metrics().get(key);
    Double baseline = version.evaluation().baselineMetrics().get(key);
    return String.format(
        Locale.ROOT,
        "%.4f (%s)",
        value,
        baseline == null ? "-" : String.format(Locale.ROOT, "%.4f", baseline));
  }

  static void printVersion(PrintWriter out, ModelVersion v, boolean served) {
    out.printf("model %s version %d%s%n", v.model(), v.version(), served ? " (served)" : "");
    out.printf(
        "  trained on   %s snapshot %d (committed %s)%n",
        v.training().table(), v.training().snapshotId(), v.training().committedAt());
    out.printf(
        "  rows         %,d read, %,d dropped (missing values), %,d train, %,d held out%n",
        v.rows().read(), v.rows().dropped(), v.rows().train(), v.rows().test());
    out.printf(
        "  task         %s of %s with %s %s, seed %d, test fraction %.2f%n",
        lower(v.task().name()),
        v.target(),
        lower(v.algorithm().name()).replace('_', '-'),
        params(v),
        v.seed(),
        v.testFraction());
    out.printf("  features     %s%n", features(v.features()));
    out.printf("  metric       model      baseline%n");
    v.evaluation()
        .metrics()
        .forEach(
            (key, value) ->
                out.printf(
                    Locale.ROOT,
                    "  %-12s %-10.4f %.4f%n",
                    key,
                    value,
                    v.evaluation().baselineMetrics().getOrDefault(key, Double.NaN)));
    ConfusionMatrix confusion = v.evaluation().confusion();
    if (confusion != null) {
      out.printf(
          "  confusion    rows: true class, columns: predicted, classes %s%n", confusion.labels());
      for (int i = 0; i < confusion.labels().size(); i++) {
        out.printf("  %12s %s%n", confusion.labels().get(i), confusion.counts().get(i));
      }
    }
    out.printf("  promotion    %s (on %s)%n", v.promotion().reason(), v.promotionMetric());
    out.printf(
        "  artefacts    %s%s  (in the warehouse)%n",
        v.artefact(), v.onnx() == null ? "" : ", " + v.onnx());
    out.printf("  trained in   %.1f s%n", v.trainingMillis() / 1000.0);
  }

  private static String params(ModelVersion v) {
    return switch (v.algorithm()) {
      case CART ->
          String.format(
              Locale.ROOT,
              "(max_depth %d, min_child_weight %s)",
              v.params().maxDepth(),
              v.params().minChildWeight());
      case LINEAR_SGD ->
          String.format(
              Locale.ROOT,
              "(epochs %d, learning_rate %s, minibatch %d)",
              v.params().epochs(),
              v.params().learningRate(),
              v.params().minibatchSize());
    };
  }

  private static String features(List<EncodedFeature> features) {
    StringBuilder text = new StringBuilder();
    for (EncodedFeature f : features) {
      text.append(text.length() == 0 ? "" : ", ")
          .append(f.name())
          .append(" (")
          .append(lower(f.type().name()));
      if (!f.categories().isEmpty()) {
        text.append(", ").append(f.categories().size()).append(" categories");
      }
      text.append(")");
    }
    return text.toString();
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
