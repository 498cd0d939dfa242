package dev.lagoa.runtime;

import dev.lagoa.cdc.CatchUpReport;
import dev.lagoa.cdc.CdcSource;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.Engine;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.core.config.WebErrorBudget;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.ingest.FilesLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelFreshness;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.ModelRunner;
import dev.lagoa.models.RunOptions;
import dev.lagoa.models.compile.CompileReport;
import dev.lagoa.models.compile.ModelCompiler;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.functions.SparkFunctions;
import dev.lagoa.models.materialize.Relations;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.spark.SparkSessions;
import dev.lagoa.models.test.ModelTester;
import dev.lagoa.models.test.TestReport;
import dev.lagoa.runtime.maintain.MaintenanceRequest;
import dev.lagoa.runtime.maintain.TableMaintenance;
import dev.lagoa.runtime.maintain.TableMaintenanceResult;
import dev.lagoa.runtime.relocate.ProjectRelocation;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.scrape.ScrapeResult;
import dev.lagoa.scrape.WebScraper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An open Lagoa project: its configuration, catalog and engine. The entry points (CLI, server) open
 * one and call its operations; all pipeline logic lives below it.
 */
public final class Lakehouse implements AutoCloseable {
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);

  private final ProjectConfig config;
  private final LakeCatalog catalog;
  private final DuckEngine engine;
  private final Clock clock;
  private final SparkSessions spark;

  private Lakehouse(ProjectConfig config, LakeCatalog catalog, DuckEngine engine, Clock clock) {
    this.config = config;
    this.catalog = catalog;
    this.engine = engine;
    this.clock = clock;
    // Started only when a model first runs on Spark, then kept while the project is open.
    this.spark =
        new SparkSessions(
            config.engines().spark(),
            config.catalog(),
            config.directory().resolve(".lagoa").resolve("spark-job.log"));
  }

  public static Lakehouse open(Path projectDirectory) {
    return open(
        ProjectConfigLoader.withSystemEnvironment().load(projectDirectory), Clock.systemUTC());
  }

  /**
   * Opens a project whose {@code ${VARIABLES}} also see {@code environment} (the demo's fixture
   * URLs).
   */
  public static Lakehouse open(Path projectDirectory, java.util.Map<String, String> environment) {
    ProjectConfigLoader loader =
        new ProjectConfigLoader(name -> environment.getOrDefault(name, System.getenv(name)));
    return open(loader.load(projectDirectory), Clock.systemUTC());
  }

  public static Lakehouse open(ProjectConfig config, Clock clock) {
    LakeCatalog catalog = LakeCatalog.open(config.catalog());
    try {
      ProjectRelocation.check(config.catalog(), config.directory());
      return new Lakehouse(config, catalog, DuckEngine.open(), clock);
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  /**
   * Makes a copied or moved project use its own files: rewrites the locations of every table that
   * still points at another warehouse (see {@link ProjectRelocation}).
   *
   * @return one line per relocated table
   */
  public static List<String> relocate(Path projectDirectory) {
    ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(projectDirectory);
    try (LakeCatalog catalog = LakeCatalog.open(config.catalog())) {
      return ProjectRelocation.relocate(config.catalog());
    }
  }

  public ProjectConfig config() {
    return config;
  }

  public LakeCatalog catalog() {
    return catalog;
  }

  public DuckEngine engine() {
    return engine;
  }

  /** The project's Spark job, started on first use (see {@link SparkSessions}). */
  public SparkSessions spark() {
    return spark;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * Runs the whole project: every enabled source (web sources first, since they land files, then
   * the landing loaders, each group in the order of {@code lagoa.yaml}), then the models; a failed
   * source stops only what depends on it (see {@link #run(RunRequest, ProgressListener,
   * LoadListener)}).
   */
  public RunReport run(
      ProgressListener scrapeProgress, LoadListener loadProgress, boolean fullRefresh) {
    return run(RunRequest.wholeProject(fullRefresh), scrapeProgress, loadProgress);
  }

  /**
   * Runs the named sources, or all when {@code names} is empty, without the models. A source that
   * fails is reported in {@link RunReport#failures()} and the others still run, except the {@code
   * files} sources loading the landing directory of a failed web source, which are skipped.
   */
  public RunReport run(
      List<String> names, ProgressListener scrapeProgress, LoadListener loadProgress) {
    requireSources(names);
    SourceGraph graph = new SourceGraph(config, readableModels());
    List<ScrapeResult> scrapes = new ArrayList<>();
    List<SourceFailure> failures = new ArrayList<>();
    Set<String> failedWeb = new LinkedHashSet<>();
    for (SourceConfig source : selected(names)) {
      if (source instanceof WebSourceConfig web) {
        try {
          scrapes.add(scrape(web, scrapeProgress));
        } catch (LagoaException e) {
          failures.add(new SourceFailure(source.name(), e));
          failedWeb.add(source.name());
        }
      }
    }
    List<LoadReport> loads = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (SourceConfig source : selected(names)) {
      if (source instanceof FilesSourceConfig files) {
        List<String> failedFeeders = failedFeeders(graph, files, failedWeb);
        if (!failedFeeders.isEmpty()) {
          skipped.add(
              source.name() + ": its web source " + String.join(", ", failedFeeders) + " failed");
          continue;
        }
        try {
          loads.add(load(files, loadProgress));
        } catch (LagoaException e) {
          failures.add(new SourceFailure(source.name(), e));
        }
      }
    }
    List<CatchUpReport> captures = new ArrayList<>();
    for (SourceConfig source : selected(names)) {
      if (source instanceof PostgresCdcSourceConfig cdc) {
        try {
          captures.add(catchUp(cdc));
        } catch (LagoaException e) {
          failures.add(new SourceFailure(source.name(), e));
        }
      }
    }
    return new RunReport(scrapes, loads, failures, Optional.empty(), skipped, captures);
  }

  /**
   * Brings a change-data-capture source's lake tables up to the database's current position
   * (snapshotting them first if needed), then stops.
   */
  public CatchUpReport catchUp(PostgresCdcSourceConfig source) {
    try (CdcSource cdc = openCdc(source)) {
      return cdc.replicator().catchUp(CATCH_UP_TIMEOUT);
    }
  }

  /**
   * Opens a change-data-capture source: its database (an embedded one is started and stopped on
   * close) and replicator, for status, loading the database, or a long-running stream.
   */
  public CdcSource openCdc(PostgresCdcSourceConfig source) {
    return CdcSource.open(catalog, source, clock);
  }

  private static List<String> failedFeeders(
      SourceGraph graph, FilesSourceConfig files, Set<String> failedWeb) {
    return graph.feedersOf(files).stream()
        .map(WebSourceConfig::name)
        .filter(failedWeb::contains)
        .toList();
  }

  /**
   * Runs what {@code request} asks: web sources, then the {@code files} sources, then the models. A
   * source that fails does not stop the run: it is reported in {@link RunReport#failures()}, and
   * what depends on it is skipped — the {@code files} sources loading its landing directory, the
   * models reading the tables of a failed or skipped {@code files} source, and the models built
   * from those. Everything else runs. Disabled sources ({@code enabled: false}) run only when
   * named.
   *
   * @throws LagoaException of category USER_INPUT, before anything runs, when a named or skipped
   *     source does not exist or {@code maxErrors} is not a budget
   */
  public RunReport run(
      RunRequest request, ProgressListener scrapeProgress, LoadListener loadProgress) {
    requireSources(request.sources());
    requireSources(List.copyOf(request.skip()));
    Optional<WebErrorBudget> budget = errorBudget(request.maxErrors());
    SourceGraph graph = new SourceGraph(config, readableModels());
    Set<String> chosen = new LinkedHashSet<>();
    List<String> skipped = new ArrayList<>();
    for (SourceConfig source : config.sources().values()) {
      String name = source.name();
      boolean named = request.sources().contains(name);
      boolean wanted =
          request.sources().isEmpty()
              || named
              || (source instanceof FilesSourceConfig files
                  && graph.feedersOf(files).stream()
                      .anyMatch(web -> request.sources().contains(web.name())));
      if (!wanted) {
        continue;
      }
      if (request.skip().contains(name)) {
        skipped.add(name + ": --skip");
      } else if (!named && !config.enabled(name)) {
        skipped.add(name + ": enabled: false in " + ProjectConfig.FILE_NAME);
      } else {
        chosen.add(name);
      }
    }
    List<ScrapeResult> scrapes = new ArrayList<>();
    List<SourceFailure> failures = new ArrayList<>();
    Set<String> failedWeb = new LinkedHashSet<>();
    for (String name : chosen) {
      if (config.sources().get(name) instanceof WebSourceConfig web) {
        WebSourceConfig effective =
            budget.map(b -> web.withCrawl(web.crawl().withMaxErrors(b))).orElse(web);
        try {
          scrapes.add(scrape(effective, scrapeProgress));
        } catch (LagoaException e) {
          failures.add(new SourceFailure(name, e));
          failedWeb.add(name);
        }
      }
    }
    List<LoadReport> loads = new ArrayList<>();
    List<FilesSourceConfig> loaded = new ArrayList<>();
    Map<FilesSourceConfig, String> notLoaded = new LinkedHashMap<>(); // with why
    for (String name : chosen) {
      if (config.sources().get(name) instanceof FilesSourceConfig files) {
        List<String> failedFeeders = failedFeeders(graph, files, failedWeb);
        if (!failedFeeders.isEmpty()) {
          skipped.add(name + ": its web source " + String.join(", ", failedFeeders) + " failed");
          notLoaded.put(files, name + " did not run");
          continue;
        }
        try {
          loads.add(load(files, loadProgress));
          if (catalog.find(files.table()).isPresent()) {
            loaded.add(files);
          } else {
            notLoaded.put(
                files, files.table() + " does not exist yet (" + name + " found no file)");
          }
        } catch (LagoaException e) {
          failures.add(new SourceFailure(name, e));
          notLoaded.put(files, name + " failed");
        }
      }
    }
    for (SourceConfig source : config.sources().values()) {
      if (source instanceof FilesSourceConfig files
          && !loaded.contains(files)
          && !notLoaded.containsKey(files)
          && catalog.find(files.table()).isEmpty()) {
        notLoaded.put(
            files, files.table() + " does not exist yet (" + files.name() + " has not loaded it)");
      }
    }
    List<CatchUpReport> captures = new ArrayList<>();
    for (String name : chosen) {
      if (config.sources().get(name) instanceof PostgresCdcSourceConfig cdc) {
        try {
          captures.add(catchUp(cdc));
        } catch (LagoaException e) {
          failures.add(new SourceFailure(name, e));
        }
      }
    }
    Optional<ModelRunReport> models = runModelsAfter(request, graph, loaded, notLoaded, skipped);
    return new RunReport(scrapes, loads, failures, models, skipped, captures);
  }

  /**
   * Builds the models the request asks for (its selection; else those downstream of the sources
   * that ran; else all), leaving out those whose input did not load.
   */
  private Optional<ModelRunReport> runModelsAfter(
      RunRequest request,
      SourceGraph graph,
      List<FilesSourceConfig> loaded,
      Map<FilesSourceConfig, String> notLoaded,
      List<String> skipped) {
    if (!hasModels()) {
      return Optional.empty();
    }
    boolean everyModel = request.select().isBlank() && request.sources().isEmpty();
    Set<String> wanted =
        new LinkedHashSet<>(
            !request.select().isBlank()
                ? graph.select(Selection.parse(request.select()))
                : request.sources().isEmpty()
                    ? graph.allModels()
                    : graph.modelsDownstreamOf(loaded));
    Set<String> blocked = new LinkedHashSet<>();
    notLoaded.forEach(
        (files, why) -> {
          Set<String> models = graph.modelsDownstreamOf(List.of(files));
          models.retainAll(wanted);
          models.removeAll(blocked);
          if (!models.isEmpty()) {
            skipped.add("models " + String.join(", ", models) + ": their input " + why);
            blocked.addAll(models);
          }
        });
    if (everyModel && blocked.isEmpty()) {
      return Optional.of(runModels(Selection.all(), request.fullRefresh()));
    }
    if (!request.select().isBlank() && blocked.isEmpty()) {
      return Optional.of(runModels(Selection.parse(request.select()), request.fullRefresh()));
    }
    wanted.removeAll(blocked);
    return runNamedModels(wanted, request.fullRefresh());
  }

  private Optional<ModelRunReport> runNamedModels(Set<String> models, boolean fullRefresh) {
    return models.isEmpty()
        ? Optional.empty()
        : Optional.of(runModels(Selection.parse(String.join(",", models)), fullRefresh));
  }

  private static Optional<WebErrorBudget> errorBudget(String text) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        WebErrorBudget.parse(text)
            .orElseThrow(
                () ->
                    LagoaException.userInput(
                        "Cannot run: --max-errors was '%s' but it must be a number of pages (5) or"
                            + " a percentage of the pages tried (10%%)",
                        text)));
  }

  /**
   * The project's models, or null when it has none or they cannot be read: then every model is left
   * to {@link #runModels}, which reports what is wrong after the sources have run.
   */
  private ModelProject readableModels() {
    if (!hasModels()) {
      return null;
    }
    try {
      return ModelProject.load(config.directory());
    } catch (LagoaException e) {
      return null;
    }
  }

  /** Whether the project has SQL models (a {@code models/} folder). */
  public boolean hasModels() {
    return Files.isDirectory(config.directory().resolve(ModelProject.MODELS_DIRECTORY));
  }

  /**
   * Builds the selected models in dependency order, testing each after it builds. Models are
   * compiled first: one that does not compile is reported and skipped with the models built from
   * it, and the others run. A problem of the whole project (a YAML file that is not YAML, a cycle)
   * is reported in the returned report rather than thrown, so the caller can still show what the
   * run loaded before.
   */
  public ModelRunReport runModels(Selection selection, boolean fullRefresh) {
    return runModels(selection, fullRefresh, config.engines().engine());
  }

  /**
   * As {@link #runModels(Selection, boolean)}, models without their own {@code engine:} running on
   * {@code projectEngine} this time.
   */
  public ModelRunReport runModels(Selection selection, boolean fullRefresh, Engine projectEngine) {
    ModelProject project;
    try {
      project = ModelProject.read(config.directory());
    } catch (LagoaException e) {
      return new ModelRunReport("not-started", List.of(), List.of(e));
    }
    return new ModelRunner(engine, catalog, clock, spark)
        .run(project, selection, RunOptions.defaults().withFullRefresh(fullRefresh), projectEngine);
  }

  /** Compiles the selected models without running them (see {@link ModelCompiler}). */
  public CompileReport compileModels(Selection selection) {
    return new ModelCompiler(engine, catalog)
        .compile(ModelProject.read(config.directory()), selection, config.engines().engine());
  }

  /** How current each model's table is against its definition and its inputs. */
  public List<ModelFreshness.Entry> modelStatus() {
    return new ModelFreshness(catalog, engine).of(ModelProject.read(config.directory()));
  }

  /** Runs the tests of the selected models that compile against their tables as they are. */
  public TestReport testModels(Selection selection) {
    ModelProject project = ModelProject.read(config.directory());
    ModelTester tester = new ModelTester(engine, catalog);
    List<dev.lagoa.models.test.TestResult> results = new ArrayList<>();
    for (String name : project.select(selection)) {
      results.addAll(tester.test(project, project.model(name)));
    }
    return new TestReport(results);
  }

  /**
   * Runs read-only SQL: every catalog table is a view, Spark's functions the models use are there,
   * view models can be queried by name, and {@code lagoa serve}'s run history is {@code lagoa.runs}
   * and {@code lagoa.run_steps}.
   */
  public QueryResult sql(String query, AsOf asOf, int maxRows) {
    return SqlQueries.run(
        catalog,
        engine,
        query,
        asOf,
        maxRows,
        () -> {
          SparkFunctions.register(engine);
          dev.lagoa.runtime.runs.RunLedger.find(
                  new CatalogDatabase(config.catalog()), config.name())
              .ifPresent(ledger -> dev.lagoa.runtime.runs.RunTables.expose(ledger, engine));
          if (asOf == null && hasModels()) {
            defineModels();
          }
        });
  }

  /** The catalog's tables, {@code namespace.name}, sorted. */
  public List<String> tables() {
    return catalog.tables().stream().map(Object::toString).toList();
  }

  /** A table's current shape, by {@code namespace.name} or unambiguous bare name. */
  public TableInspector.Description describe(String table) {
    return TableInspector.describe(catalog, table);
  }

  /** A table's commits, oldest first, with what each consumed. */
  public List<TableInspector.HistoryEntry> history(String table) {
    return TableInspector.history(catalog, table);
  }

  /**
   * Compacts, expires and cleans the requested tables with the {@code maintenance:} settings of
   * {@code lagoa.yaml}.
   */
  public List<TableMaintenanceResult> maintain(MaintenanceRequest request) {
    return new TableMaintenance(catalog, engine, config.maintenance(), clock).run(request);
  }

  /**
   * Defines the models that compile as views, so queries can name them; a broken model (or a broken
   * project) never stops queries of the tables it does not produce.
   */
  private void defineModels() {
    ModelProject project;
    try {
      project = ModelProject.read(config.directory());
    } catch (LagoaException e) {
      return; // the catalog's tables stay queryable; lagoa compile reports the problem
    }
    new Relations(project, catalog, engine).defineAll();
  }

  /**
   * Loads the new files of one landing source, through the project's Spark job when the project's
   * engine (or {@code lagoa run --engine}) is {@code spark}.
   */
  public LoadReport load(FilesSourceConfig source, LoadListener listener) {
    return load(source, listener, config.engines().engine());
  }

  /** As {@link #load(FilesSourceConfig, LoadListener)}, on {@code loadEngine} this time. */
  public LoadReport load(FilesSourceConfig source, LoadListener listener, Engine loadEngine) {
    FilesLoader loader =
        new FilesLoader(catalog, engine, clock, Runtime.getRuntime().availableProcessors());
    if (loadEngine == Engine.SPARK) {
      loader.onJob(request -> spark.job().request(request));
    }
    return loader.load(source, listener);
  }

  /** Runs one web source, landing one file. */
  public ScrapeResult scrape(WebSourceConfig source, ProgressListener listener) {
    return new WebScraper(clock).run(source, listener);
  }

  /** The source called {@code name}, of the given type. */
  public <T extends SourceConfig> T source(String name, Class<T> type) {
    requireSources(List.of(name));
    SourceConfig source = config.sources().get(name);
    if (!type.isInstance(source)) {
      throw LagoaException.userInput(
          "Cannot use source %s here: it is not a %s source",
          name,
          type == WebSourceConfig.class
              ? "web"
              : type == PostgresCdcSourceConfig.class ? "postgres-cdc" : "files");
    }
    return type.cast(source);
  }

  private List<SourceConfig> selected(List<String> names) {
    return config.sources().values().stream()
        .filter(source -> names.isEmpty() || names.contains(source.name()))
        .toList();
  }

  private void requireSources(List<String> names) {
    for (String name : names) {
      if (!config.sources().containsKey(name)) {
        throw LagoaException.userInput(
            "Cannot run %s: project %s has no source of that name (sources: %s)",
            name, config.name(), config.sources().keySet());
      }
    }
  }

  @Override
  public void close() {
    try {
      spark.close();
    } finally {
      try {
        engine.close();
      } finally {
        catalog.close();
      }
    }
  }
}
