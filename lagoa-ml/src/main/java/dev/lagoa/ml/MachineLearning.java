package dev.lagoa.ml;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.MlMetric;
import dev.lagoa.core.config.MlModelConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.ml.dataset.ExportFormat;
import dev.lagoa.ml.dataset.TrainingRows;
import dev.lagoa.ml.dataset.TrainingSnapshot;
import dev.lagoa.ml.dataset.TrainingTable;
import dev.lagoa.ml.predict.Predictor;
import dev.lagoa.ml.predict.UnknownModelException;
import dev.lagoa.ml.registry.ArtefactStore;
import dev.lagoa.ml.registry.ModelRegistry;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.ml.registry.Promotion;
import dev.lagoa.ml.registry.RowCounts;
import dev.lagoa.ml.train.ModelTrainer;
import dev.lagoa.ml.train.TrainedModel;
import dev.lagoa.runtime.AsOf;
import dev.lagoa.runtime.Lakehouse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * A project's machine learning: train its {@code ml:} models on table snapshots, keep every version
 * in the registry, decide which one is served, predict, and export the exact rows a version was
 * trained on. The CLI, the HTTP routes and (later) the scheduler of {@code lagoa serve} all call
 * this class.
 *
 * <p>Training uses the engine given at construction and must run on one thread at a time;
 * predictions and registry reads may be called from any thread.
 */
public final class MachineLearning {
  /** How long the HTTP server trusts its knowledge of which version a model serves. */
  public static final Duration SERVED_REFRESH = Duration.ofSeconds(1);

  private final ProjectConfig config;
  private final LakeCatalog catalog;
  private final DuckEngine engine;
  private final Clock clock;
  private final ModelRegistry registry;
  private final ArtefactStore store;
  private final Predictor predictor;

  public MachineLearning(
      ProjectConfig config, LakeCatalog catalog, DuckEngine engine, Clock clock) {
    this.config = config;
    this.catalog = catalog;
    this.engine = engine;
    this.clock = clock;
    this.registry = new ModelRegistry(catalog.config());
    this.store = new ArtefactStore(catalog.config());
    this.predictor = new Predictor(registry, store, clock, SERVED_REFRESH);
  }

  public static MachineLearning of(Lakehouse lakehouse) {
    return new MachineLearning(
        lakehouse.config(), lakehouse.catalog(), lakehouse.engine(), lakehouse.clock());
  }

  /** The configuration of model {@code name}. */
  public MlModelConfig model(String name) {
    MlModelConfig model = config.ml().models().get(name);
    if (model == null) {
      throw new UnknownModelException(
          String.format(
              "Cannot find model %s: project %s declares %s",
              name,
              config.name(),
              config.ml().models().isEmpty()
                  ? "no models (add an ml: section to lagoa.yaml)"
                  : "the models " + String.join(", ", config.ml().models().keySet())));
    }
    return model;
  }

  /**
   * Trains a new version of {@code name} on its table as of {@code asOf} (null: the current
   * snapshot), evaluates it against the baseline, registers it, and serves it if it is not worse
   * than the served version on the model's promotion metric.
   */
  public ModelVersion train(String name, AsOf asOf) {
    MlModelConfig model = model(name);
    TrainingTable table = new TrainingTable(catalog, model);
    TrainingSnapshot snapshot = table.snapshot(asOf);
    TrainingRows rows = table.read(engine, snapshot);
    TrainedModel trained = new ModelTrainer(clock).train(model, rows);
    for (int attempt = 0; attempt < 5; attempt++) {
      int version = registry.nextVersion(name);
      Promotion promotion = promotion(model, trained);
      Path onnx = store.writeModel(name, version, trained.model());
      ModelVersion registered =
          new ModelVersion(
              name,
              version,
              clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
              model.task(),
              model.target(),
              model.algorithm(),
              model.params(),
              model.seed(),
              model.testFraction(),
              snapshot,
              new RowCounts(
                  rows.rowsRead(), rows.rowsDropped(), trained.trainRows(), trained.testRows()),
              trained.features(),
              trained.evaluation(),
              model.promotionMetric().key(),
              promotion,
              store.relative(store.directory(name, version).resolve("model.tribuo")),
              onnx == null ? null : store.relative(onnx),
              trained.trainingMillis());
      store.writeManifest(registered);
      if (registry.register(registered)) {
        predictor.invalidate(name);
        return registered;
      }
    }
    throw LagoaException.external(
        null,
        "Cannot register a new version of %s: other trainers kept taking the version numbers",
        name);
  }

  /**
   * Trains {@code name} on its table's current snapshot: the entry point for retraining on a
   * schedule or when the training table gets a new snapshot.
   */
  public ModelVersion retrain(String name) {
    return train(name, null);
  }

  /**
   * Whether the training table has a snapshot no version was trained on (a trigger "on new
   * snapshot" calls {@link #retrain} only then). Not only the served version: a version trained on
   * the current snapshot but not served (worse on the promotion metric) would come out the same
   * again, with the same seed.
   */
  public boolean hasNewSnapshot(String name) {
    MlModelConfig model = model(name);
    TrainingSnapshot current = new TrainingTable(catalog, model).snapshot(null);
    return registry.versions(name).stream()
        .noneMatch(version -> version.training().snapshotId() == current.snapshotId());
  }

  private Promotion promotion(MlModelConfig model, TrainedModel trained) {
    OptionalInt served = registry.servedVersion(model.name());
    MlMetric metric = model.promotionMetric();
    double candidate = trained.evaluation().metrics().get(metric.key());
    if (served.isEmpty()) {
      return new Promotion(true, "first served version");
    }
    Optional<ModelVersion> current = registry.version(model.name(), served.getAsInt());
    Double currentValue = current.map(v -> v.evaluation().metrics().get(metric.key())).orElse(null);
    if (currentValue == null) {
      return new Promotion(
          true, "served version " + served.getAsInt() + " has no " + metric.key() + " to compare");
    }
    String comparison =
        String.format(
            Locale.ROOT,
            "%s %.4f vs %.4f of served version %d",
            metric.key(),
            candidate,
            currentValue,
            served.getAsInt());
    return metric.notWorse(candidate, currentValue)
        ? new Promotion(true, comparison + ": not worse, promoted")
        : new Promotion(
            false, comparison + ": worse, version " + served.getAsInt() + " stays served");
  }

  /** Every version of {@code name}, oldest first (empty when it was never trained). */
  public List<ModelVersion> versions(String name) {
    model(name);
    return registry.versions(name);
  }

  public ModelVersion version(String name, int version) {
    model(name);
    return registry
        .version(name, version)
        .orElseThrow(
            () ->
                new UnknownModelException(
                    "Cannot find version "
                        + version
                        + " of model "
                        + name
                        + ": it has "
                        + versionList(name)));
  }

  private String versionList(String name) {
    List<Integer> numbers = registry.versions(name).stream().map(ModelVersion::version).toList();
    return numbers.isEmpty() ? "no versions yet" : "versions " + numbers;
  }

  /** The version {@code name} serves, if any. */
  public OptionalInt servedVersion(String name) {
    model(name);
    return registry.servedVersion(name);
  }

  /** The names of the models declared in lagoa.yaml or present in the registry, sorted. */
  public List<String> modelNames() {
    TreeSet<String> names = new TreeSet<>(config.ml().models().keySet());
    names.addAll(registry.latest().keySet());
    return new ArrayList<>(names);
  }

  /** Per model with versions, its latest version. */
  public Map<String, ModelVersion> latestVersions() {
    return registry.latest();
  }

  public Predictor predictor() {
    return predictor;
  }

  /**
   * Writes the rows version {@code version} (served when empty) of {@code name} was trained on,
   * read from its recorded snapshot, to {@code file}. Safe to call from any thread.
   */
  public ModelVersion exportTrainingData(
      String name, OptionalInt version, ExportFormat format, Path file) {
    ModelVersion chosen;
    if (version.isPresent()) {
      chosen = version(name, version.getAsInt());
    } else {
      OptionalInt served = servedVersion(name);
      if (served.isEmpty()) {
        throw new UnknownModelException(
            "Cannot export the training data of " + name + ": it has no served version yet");
      }
      chosen = version(name, served.getAsInt());
    }
    MlModelConfig trainedWith =
        new MlModelConfig(
            name,
            chosen.training().table(),
            chosen.target(),
            chosen.task(),
            chosen.features().stream()
                .map(
                    f ->
                        new dev.lagoa.core.config.MlFeature(
                            f.name(), f.type(), f.missing(), f.unseen()))
                .toList(),
            chosen.algorithm(),
            chosen.params(),
            chosen.testFraction(),
            chosen.seed(),
            MlMetric.fromKey(chosen.promotionMetric()).orElseThrow());
    DuckEngine exporter;
    synchronized (engine) {
      exporter = engine.duplicate();
    }
    try (exporter) {
      new TrainingTable(catalog, trainedWith).export(exporter, chosen.training(), format, file);
    }
    return chosen;
  }
}
