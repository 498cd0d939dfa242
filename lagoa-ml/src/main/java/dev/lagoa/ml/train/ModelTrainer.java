package dev.lagoa.ml.train;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.MlFeature;
import dev.lagoa.core.config.MlFeatureType;
import dev.lagoa.core.config.MlMissing;
import dev.lagoa.core.config.MlModelConfig;
import dev.lagoa.core.config.MlParams;
import dev.lagoa.core.config.MlTask;
import dev.lagoa.ml.dataset.TrainingRows;
import dev.lagoa.ml.spec.EncodedFeature;
import dev.lagoa.ml.spec.FeatureEncoder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.baseline.DummyRegressionTrainer;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Trains a model with Tribuo on the training split and evaluates it, and a trivial baseline, on the
 * held-out split. Everything random (the learner, SGD's shuffling) is seeded from the model's seed.
 */
public final class ModelTrainer {
  /** SGD would log every this-many examples; training logs nothing per step. */
  private static final int NO_PROGRESS_LOGGING = Integer.MAX_VALUE;

  /**
   * Tribuo reports every SGD epoch through java.util.logging at INFO; a training run reports its
   * outcome itself. Held here so the setting is not collected with the logger.
   */
  private static final java.util.logging.Logger TRIBUO_LOG = quietTribuo();

  private static java.util.logging.Logger quietTribuo() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.tribuo");
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  private final java.time.Clock clock;

  public ModelTrainer(java.time.Clock clock) {
    this.clock = clock;
  }

  public TrainedModel train(MlModelConfig config, TrainingRows rows) {
    long heldOut = rows.heldOutCount();
    long trainCount = rows.size() - heldOut;
    if (trainCount < 2 || heldOut < 1) {
      throw LagoaException.userInput(
          "Cannot train %s: snapshot %d of %s gives %d training and %d held-out rows; at least 2 and 1 are needed",
          config.name(),
          rows.snapshot().snapshotId(),
          rows.snapshot().table(),
          trainCount,
          heldOut);
    }
    long start = clock.millis();
    List<EncodedFeature> features = encoding(config, rows);
    FeatureEncoder encoder = new FeatureEncoder(features);
    Evaluation evaluation;
    Model<?> model;
    if (config.task() == MlTask.REGRESSION) {
      RegressionFactory factory = new RegressionFactory();
      MutableDataset<Regressor> train = dataset(factory, "train", rows, false);
      MutableDataset<Regressor> test = dataset(factory, "test", rows, true);
      fill(
          train,
          test,
          rows,
          encoder,
          i -> new Regressor(config.target(), (Double) rows.targets().get(i)));
      Model<Regressor> trained = regressionTrainer(config).train(train);
      Model<Regressor> baseline = DummyRegressionTrainer.createMeanTrainer().train(train);
      RegressionEvaluator evaluator = new RegressionEvaluator();
      evaluation =
          new Evaluation(
              regressionMetrics(evaluator.evaluate(trained, test)),
              regressionMetrics(evaluator.evaluate(baseline, test)),
              null);
      model = trained;
    } else {
      LabelFactory factory = new LabelFactory();
      MutableDataset<Label> train = dataset(factory, "train", rows, false);
      MutableDataset<Label> test = dataset(factory, "test", rows, true);
      fill(train, test, rows, encoder, i -> new Label((String) rows.targets().get(i)));
      Model<Label> trained = classificationTrainer(config).train(train);
      Model<Label> baseline = DummyClassifierTrainer.createMostFrequentTrainer().train(train);
      LabelEvaluator evaluator = new LabelEvaluator();
      evaluation =
          new Evaluation(
              labelMetrics(evaluator.evaluate(trained, test)),
              labelMetrics(evaluator.evaluate(baseline, test)),
              confusion(trained, test));
      model = trained;
    }
    return new TrainedModel(
        model, features, evaluation, trainCount, heldOut, clock.millis() - start);
  }

  private static <T extends org.tribuo.Output<T>> MutableDataset<T> dataset(
      OutputFactory<T> factory, String split, TrainingRows rows, boolean heldOut) {
    return new MutableDataset<>(
        new SimpleDataSourceProvenance(
            rows.snapshot().table() + "@" + rows.snapshot().snapshotId() + " (" + split + ")",
            OffsetDateTime.parse(rows.snapshot().committedAt().replace("Z", "+00:00")),
            factory),
        factory);
  }

  private static <T extends org.tribuo.Output<T>> void fill(
      MutableDataset<T> train,
      MutableDataset<T> test,
      TrainingRows rows,
      FeatureEncoder encoder,
      java.util.function.IntFunction<T> output) {
    for (int i = 0; i < rows.size(); i++) {
      FeatureEncoder.Encoded encoded = encoder.encode(rows.features().get(i), false);
      Example<T> example = new ArrayExample<>(output.apply(i), encoded.names(), encoded.values());
      (rows.heldOut()[i] ? test : train).add(example);
    }
  }

  /**
   * What each feature learns from the training split only, so evaluation sees nothing of itself.
   */
  private static List<EncodedFeature> encoding(MlModelConfig config, TrainingRows rows) {
    List<EncodedFeature> result = new ArrayList<>();
    for (int f = 0; f < config.features().size(); f++) {
      MlFeature feature = config.features().get(f);
      double sum = 0;
      double sumSquares = 0;
      long count = 0;
      TreeSet<String> categories = new TreeSet<>();
      for (int i = 0; i < rows.size(); i++) {
        if (rows.heldOut()[i]) {
          continue;
        }
        Object value = rows.features().get(i)[f];
        if (value == null) {
          continue;
        }
        if (feature.type() == MlFeatureType.NUMERIC) {
          double x = (Double) value;
          sum += x;
          sumSquares += x * x;
          count++;
        } else if (feature.type() == MlFeatureType.CATEGORICAL) {
          categories.add((String) value);
        }
      }
      if (feature.missing() == MlMissing.CATEGORY) {
        categories.add(EncodedFeature.MISSING_CATEGORY);
      }
      double mean = count == 0 ? 0 : sum / count;
      double variance = count == 0 ? 0 : Math.max(0, sumSquares / count - mean * mean);
      double deviation = variance > 1e-12 ? Math.sqrt(variance) : 1.0;
      if (feature.type() != MlFeatureType.NUMERIC) {
        mean = 0;
        deviation = 1.0;
      }
      result.add(
          new EncodedFeature(
              feature.name(),
              feature.type(),
              feature.missing(),
              feature.unseen(),
              mean,
              deviation,
              List.copyOf(categories)));
    }
    return result;
  }

  private static Trainer<Regressor> regressionTrainer(MlModelConfig config) {
    MlParams p = config.params();
    return switch (config.algorithm()) {
      case CART ->
          new CARTRegressionTrainer(
              p.maxDepth(),
              (float) p.minChildWeight(),
              0.0f,
              1.0f,
              false,
              new MeanSquaredError(),
              config.seed());
      case LINEAR_SGD ->
          new org.tribuo.regression.sgd.linear.LinearSGDTrainer(
              new SquaredLoss(),
              new AdaGrad(p.learningRate()),
              p.epochs(),
              NO_PROGRESS_LOGGING,
              p.minibatchSize(),
              config.seed());
    };
  }

  private static Trainer<Label> classificationTrainer(MlModelConfig config) {
    MlParams p = config.params();
    return switch (config.algorithm()) {
      case CART ->
          new CARTClassificationTrainer(
              p.maxDepth(),
              (float) p.minChildWeight(),
              0.0f,
              1.0f,
              false,
              new GiniIndex(),
              config.seed());
      case LINEAR_SGD ->
          new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
              new LogMulticlass(),
              new AdaGrad(p.learningRate()),
              p.epochs(),
              NO_PROGRESS_LOGGING,
              p.minibatchSize(),
              config.seed());
    };
  }

  private static Map<String, Double> regressionMetrics(RegressionEvaluation evaluation) {
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("rmse", evaluation.averageRMSE());
    metrics.put("mae", evaluation.averageMAE());
    metrics.put("r2", evaluation.averageR2());
    return metrics;
  }

  private static Map<String, Double> labelMetrics(LabelEvaluation evaluation) {
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put("accuracy", evaluation.accuracy());
    metrics.put("macro_f1", evaluation.macroAveragedF1());
    return metrics;
  }

  private static ConfusionMatrix confusion(Model<Label> model, MutableDataset<Label> test) {
    TreeSet<String> labels = new TreeSet<>();
    test.forEach(e -> labels.add(e.getOutput().getLabel()));
    model.getOutputIDInfo().getDomain().forEach(l -> labels.add(l.getLabel()));
    List<String> order = List.copyOf(labels);
    long[][] counts = new long[order.size()][order.size()];
    List<Prediction<Label>> predictions = model.predict(test);
    for (Prediction<Label> prediction : predictions) {
      int truth = order.indexOf(prediction.getExample().getOutput().getLabel());
      int predicted = order.indexOf(prediction.getOutput().getLabel());
      counts[truth][predicted]++;
    }
    List<List<Long>> rows = new ArrayList<>();
    for (long[] row : counts) {
      rows.add(java.util.Arrays.stream(row).boxed().toList());
    }
    return new ConfusionMatrix(order, rows);
  }
}
