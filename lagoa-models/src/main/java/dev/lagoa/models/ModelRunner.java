package dev.lagoa.models;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.Engine;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.models.compile.CompileReport;
import dev.lagoa.models.compile.ModelCompiler;
import dev.lagoa.models.dag.ModelGraph;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.functions.SparkFunctions;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.materialize.BuildResult;
import dev.lagoa.models.materialize.ModelBuilder;
import dev.lagoa.models.materialize.Relations;
import dev.lagoa.models.materialize.SparkModelBuilder;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProblem;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.spark.SparkSessions;
import dev.lagoa.models.test.ModelTester;
import dev.lagoa.models.test.TestResult;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a project's models in dependency order: each selected model is built (see {@link
 * ModelBuilder}), then tested. When a model fails, the models built from it are skipped and the
 * others still run; the report says which failed and why.
 *
 * <p>Uses the engine's thread: not for concurrent use. One run of a project at a time (the runtime
 * ensures it); a concurrent writer to a model's table makes that model's commit fail rather than
 * lose or double rows.
 */
public final class ModelRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRunner.class);
  private static final Logger TIMING = LoggerFactory.getLogger("dev.lagoa.models.timing");
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final DuckEngine engine;
  private final LakeCatalog catalog;
  private final Clock clock;
  private final ModelTester tester;
  private final ModelCompiler compiler;
  private final SparkSessions spark;

  /** A runner whose models all run on DuckDB. */
  public ModelRunner(DuckEngine engine, LakeCatalog catalog, Clock clock) {
    this(engine, catalog, clock, null);
  }

  /**
   * @param spark the project's Spark job, started when a model first runs on Spark; null (the rare
   *     nullable) when the project has no Spark settings
   */
  public ModelRunner(DuckEngine engine, LakeCatalog catalog, Clock clock, SparkSessions spark) {
    this.spark = spark;
    this.engine = engine;
    this.catalog = catalog;
    this.clock = clock;
    SparkFunctions.register(engine);
    this.tester = new ModelTester(engine, catalog);
    this.compiler = new ModelCompiler(engine, catalog);
  }

  /** Runs the selected models, incrementally where they can, with tests after each build. */
  public ModelRunReport run(ModelProject project, Selection selection, boolean fullRefresh) {
    return run(project, selection, RunOptions.defaults().withFullRefresh(fullRefresh));
  }

  public ModelRunReport run(ModelProject project, Selection selection, RunOptions options) {
    return run(project, selection, options, Engine.DUCKDB);
  }

  /** Runs the selected models, each on its own {@code engine:} or else on {@code projectEngine}. */
  public ModelRunReport run(
      ModelProject project, Selection selection, RunOptions options, Engine projectEngine) {
    String runId =
        "run-"
            + RUN_TIME.format(clock.instant())
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    ModelGraph graph = project.graph();
    Relations relations = new Relations(project, catalog, engine);
    ModelBuilder duckBuilder = new ModelBuilder(engine, catalog, clock, relations, runId);
    Function<Model, BuildResult> builder =
        model ->
            model.materialization() != Materialization.VIEW
                    && model.engineOr(projectEngine) == Engine.SPARK
                ? sparkBuilder(project, relations, runId).build(model, options.fullRefresh())
                : duckBuilder.build(model, options.fullRefresh());
    Map<String, ModelResult> results = new LinkedHashMap<>();
    List<LagoaException> errors = new ArrayList<>();
    // Compile first: a model with a mistake is reported at its line and skipped with the models
    // built from it, before anything is built; every other model still runs.
    long compileStart = System.nanoTime();
    CompileReport compiled = compiler.compile(project, selection, projectEngine);
    if (TIMING.isDebugEnabled()) {
      TIMING.debug(
          "models compiled in {} s",
          String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - compileStart) / 1e9));
    }
    for (String name : compiled.failedModels()) {
      List<ModelProblem> problems = compiled.problems(name);
      StringBuilder message = new StringBuilder("does not compile:");
      problems.forEach(problem -> message.append("\n    ").append(problem));
      String table = project.find(name).map(model -> model.config().table()).orElse("");
      errors.add(
          LagoaException.userInput(
              "Cannot build model %s: %s", name, message.toString().replace("\n    ", "\n  ")));
      results.put(name, notBuilt(name, table, ModelStatus.FAILED, message.toString()));
    }
    compiled
        .blocked()
        .forEach(
            (name, reason) ->
                results.put(
                    name,
                    notBuilt(
                        name,
                        project.find(name).map(model -> model.config().table()).orElse(""),
                        ModelStatus.SKIPPED,
                        reason)));
    for (String name : project.select(selection)) {
      if (results.containsKey(name)) {
        continue;
      }
      Model model = project.model(name);
      Optional<String> failedParent =
          graph.ancestors(name).stream()
              .filter(ancestor -> results.containsKey(ancestor) && results.get(ancestor).failed())
              .findFirst();
      ModelResult result;
      if (failedParent.isPresent()) {
        result =
            skipped(
                model,
                "upstream model "
                    + failedParent.get()
                    + " "
                    + describe(results.get(failedParent.get())));
      } else {
        try {
          result = buildAndTest(project, model, builder, options);
        } catch (LagoaException e) {
          errors.add(e);
          result = failed(model, e.getMessage());
        } catch (RuntimeException e) {
          LagoaException error = LagoaException.internal(e, "Cannot build model %s: %s", name, e);
          LOG.error("Model {} failed", name, e);
          errors.add(error);
          result = failed(model, error.getMessage());
        }
      }
      LOG.info("{} {}: {}", result.status(), name, result.message());
      results.put(name, result);
    }
    return new ModelRunReport(runId, List.copyOf(results.values()), errors);
  }

  private SparkModelBuilder sparkBuilder(ModelProject project, Relations relations, String runId) {
    if (spark == null) {
      throw LagoaException.userInput(
          "Cannot run models on Spark here: this runner was opened without the project's Spark"
              + " settings");
    }
    return new SparkModelBuilder(
        spark.job(), catalog, project, relations, new TableWriter(engine, clock), clock, runId);
  }

  private ModelResult buildAndTest(
      ModelProject project, Model model, Function<Model, BuildResult> builder, RunOptions options) {
    BuildResult build = builder.apply(model);
    List<TestResult> tests =
        options.runTests() && build.built() ? tester.test(project, model) : List.of();
    ModelStatus status =
        tests.stream().anyMatch(TestResult::blocks)
            ? ModelStatus.TESTS_FAILED
            : build.built() ? ModelStatus.BUILT : ModelStatus.UP_TO_DATE;
    return new ModelResult(
        model.name(),
        model.config().table(),
        status,
        build.mode(),
        build.rowsIn(),
        build.rowsOut(),
        build.rowsDropped(),
        build.expectations(),
        tests,
        build.snapshotId(),
        build.message());
  }

  private static String describe(ModelResult parent) {
    return switch (parent.status()) {
      case TESTS_FAILED -> "failed its tests";
      case SKIPPED -> "was skipped";
      default -> "failed";
    };
  }

  private static ModelResult notBuilt(
      String name, String table, ModelStatus status, String message) {
    return new ModelResult(
        name, table, status, BuildMode.NONE, 0, 0, 0, List.of(), List.of(), 0, message);
  }

  private static ModelResult failed(Model model, String message) {
    return new ModelResult(
        model.name(),
        model.config().table(),
        ModelStatus.FAILED,
        BuildMode.NONE,
        0,
        0,
        0,
        List.of(),
        List.of(),
        0,
        message);
  }

  private static ModelResult skipped(Model model, String reason) {
    return new ModelResult(
        model.name(),
        model.config().table(),
        ModelStatus.SKIPPED,
        BuildMode.NONE,
        0,
        0,
        0,
        List.of(),
        List.of(),
        0,
        reason);
  }
}
