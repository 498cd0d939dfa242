package dev.lagoa.runtime.serve;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.RetryPolicy;
import dev.lagoa.core.config.ScheduleConfig;
import dev.lagoa.core.config.TriggerConfig;
import dev.lagoa.core.config.TriggerType;
import dev.lagoa.runtime.CatalogDatabase;
import dev.lagoa.runtime.runs.RunEngine;
import dev.lagoa.runtime.runs.RunLedger;
import dev.lagoa.runtime.runs.RunListener;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.RunRequest;
import dev.lagoa.runtime.runs.RunStatus;
import dev.lagoa.runtime.runs.TriggerKind;
import dev.lagoa.runtime.schedule.CronScheduler;
import dev.lagoa.runtime.trigger.Arrival;
import dev.lagoa.runtime.trigger.LandingPoller;
import dev.lagoa.runtime.trigger.TableState;
import dev.lagoa.runtime.trigger.UpstreamPoller;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code lagoa serve} without its HTTP face: keeps a project's pipelines running. On start it
 * records runs a killed process left behind as interrupted, catches up (every file-arrival trigger
 * loads what is unconsumed and builds downstream; every upstream trigger builds its models, which
 * are up to date when nothing changed), then fires schedules, file arrivals and upstream snapshots
 * into the {@link RunEngine} until stopped.
 */
public final class PipelineService implements AutoCloseable {
  private final ProjectConfig config;
  private final Clock clock;
  private final RunLedger ledger;
  private final RunEngine engine;
  private final EventLog log;
  private final String worker;
  private final List<ArrivalListener> arrivalListeners = new CopyOnWriteArrayList<>();
  private final Map<String, List<Arrival>> pendingArrivals = new HashMap<>();
  private final Map<String, List<Arrival>> arrivalsByRun = new ConcurrentHashMap<>();
  private final LandingPoller landing;
  private final UpstreamPoller upstream;
  private Optional<CronScheduler> scheduler = Optional.empty();
  private CdcStreams cdc;
  private volatile boolean ready;
  private volatile boolean stopped;

  private PipelineService(ProjectConfig config, Clock clock, EventLog log) {
    this.config = config;
    this.clock = clock;
    this.log = log;
    this.worker = host() + ":" + ProcessHandle.current().pid();
    // Opening the catalog creates the warehouse directory and the SQLite file the ledger lives in.
    dev.lagoa.iceberg.LakeCatalog.open(config.catalog()).close();
    CatalogDatabase database = new CatalogDatabase(config.catalog());
    this.ledger = RunLedger.open(database, config.name());
    this.engine = new RunEngine(config, ledger, clock, config.serve().maxConcurrentRuns(), worker);
    engine.addListener(log);
    engine.addListener(new ArrivalTracker());
    Map<TriggerConfig, FilesSourceConfig> watched = new LinkedHashMap<>();
    Map<TriggerConfig, Set<String>> inputs = new LinkedHashMap<>();
    for (TriggerConfig trigger : config.serve().triggers().values()) {
      if (trigger.type() == TriggerType.FILE_ARRIVAL) {
        watched.put(trigger, (FilesSourceConfig) config.sources().get(trigger.source()));
      } else {
        // The models' input tables, and the training tables of the ml: models to retrain.
        Set<String> tables = new java.util.LinkedHashSet<>();
        if (!trigger.models().isBlank()) {
          tables.addAll(engine.planner().inputsOf(trigger.models()));
        }
        for (String model : trigger.train()) {
          tables.add(config.ml().models().get(model).table());
        }
        inputs.put(trigger, tables);
      }
    }
    this.landing = new LandingPoller(watched, config.serve().pollInterval(), clock, this::arrived);
    this.upstream =
        new UpstreamPoller(
            config.catalog(),
            inputs,
            config.serve().pollInterval(),
            trigger -> submit(trigger, TriggerKind.UPSTREAM));
  }

  /**
   * Starts the service.
   *
   * @throws LagoaException when a schedule or trigger names an unknown source or model, or the
   *     catalog database cannot be reached
   */
  public static PipelineService start(ProjectConfig config, Clock clock, EventLog log) {
    PipelineService service = new PipelineService(config, clock, log);
    try {
      service.begin();
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  private void begin() {
    cdc = CdcStreams.start(config, clock, log);
    engine.leaveCaptureTo(cdc.sources());
    for (ScheduleConfig schedule : config.serve().schedules().values()) {
      engine.planner().writes(request(CronScheduler.job(schedule), schedule));
    }
    int interrupted = ledger.markDeadRunsInterrupted(host(), clock.instant());
    if (interrupted > 0) {
      log.event("runs_interrupted", Map.of("count", interrupted));
    }
    for (TriggerConfig trigger : config.serve().triggers().values()) {
      submit(trigger, TriggerKind.CATCH_UP);
    }
    landing.start();
    upstream.start();
    scheduler =
        CronScheduler.start(
            config,
            new CatalogDatabase(config.catalog()),
            engine,
            clock,
            worker,
            (schedule, firing) -> {
              Map<String, Object> fields = new LinkedHashMap<>();
              fields.put("schedule", schedule.name());
              fields.put("firing", firing.toString());
              log.event("schedule_skipped", fields);
            });
    ready = true;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("project", config.name());
    fields.put("schedules", config.serve().schedules().size());
    fields.put("triggers", config.serve().triggers().size());
    fields.put("worker", worker);
    log.event("service_started", fields);
  }

  public ProjectConfig config() {
    return config;
  }

  public RunLedger ledger() {
    return ledger;
  }

  public RunEngine engine() {
    return engine;
  }

  public void addRunListener(RunListener listener) {
    engine.addListener(listener);
  }

  public void addArrivalListener(ArrivalListener listener) {
    arrivalListeners.add(listener);
  }

  /** Started, catch-up queued and schedules on; false again once stopping. */
  public boolean ready() {
    return ready && !stopped;
  }

  /** The change-data-capture sources streamed while the service runs. */
  public CdcStreams cdc() {
    return cdc;
  }

  /** Every catalog table's current snapshot, as of the last poll. */
  public Map<String, TableState> tables() {
    return upstream.tables();
  }

  /**
   * Starts a selection by hand: these sources, then these models.
   *
   * @throws LagoaException when nothing is selected, a source or model is unknown, or the service
   *     is stopping
   */
  public RunEngine.Submission startRun(List<String> sources, String models, TriggerKind trigger) {
    if (sources.isEmpty() && models.isBlank()) {
      throw LagoaException.userInput(
          "Cannot start a run: it selects nothing; give sources, models or both");
    }
    String job = trigger.label() + ":" + String.join(",", sources) + "|" + models;
    return engine
        .submit(new RunRequest(job, trigger, sources, models, RetryPolicy.DEFAULT, clock.instant()))
        .orElseThrow(
            () -> LagoaException.external(null, "Cannot start a run: the service is stopping"));
  }

  private void arrived(TriggerConfig trigger, List<Arrival> arrivals) {
    synchronized (pendingArrivals) {
      pendingArrivals.computeIfAbsent(job(trigger), j -> new ArrayList<>()).addAll(arrivals);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trigger", trigger.name());
    fields.put("files", arrivals.size());
    log.event("files_arrived", fields);
    submit(trigger, TriggerKind.FILE_ARRIVAL);
  }

  private void submit(TriggerConfig trigger, TriggerKind kind) {
    engine.submit(request(trigger, kind));
  }

  private RunRequest request(TriggerConfig trigger, TriggerKind kind) {
    if (trigger.type() == TriggerType.UPSTREAM) {
      return new RunRequest(
          job(trigger),
          kind,
          List.of(),
          trigger.models(),
          trigger.retry(),
          clock.instant(),
          trigger.train(),
          true);
    }
    FilesSourceConfig source = (FilesSourceConfig) config.sources().get(trigger.source());
    String models =
        trigger.models().equals(TriggerConfig.DOWNSTREAM)
            ? engine.planner().downstreamOf(source.table())
            : trigger.models();
    return new RunRequest(
        job(trigger),
        kind,
        List.of(source.name()),
        models,
        trigger.retry(),
        clock.instant(),
        trigger.train(),
        true);
  }

  private RunRequest request(String job, ScheduleConfig schedule) {
    return new RunRequest(
        job,
        TriggerKind.SCHEDULE,
        schedule.sources(),
        schedule.models(),
        schedule.retry(),
        clock.instant(),
        schedule.train(),
        false);
  }

  private static String job(TriggerConfig trigger) {
    return "trigger:" + trigger.name();
  }

  /** Stops taking work and lets running steps finish within the grace period. */
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    log.event("service_stopping", Map.of("grace_ms", config.serve().gracePeriod().toMillis()));
    landing.close();
    upstream.close();
    if (cdc != null) {
      cdc.close();
    }
    // The scheduler waits for its firings, which wait for their runs: stop the engine first.
    Thread scheduling = new Thread(() -> scheduler.ifPresent(CronScheduler::close));
    scheduling.start();
    engine.stop(config.serve().gracePeriod());
    try {
      scheduling.join(config.serve().gracePeriod().toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.event("service_stopped", Map.of());
  }

  @Override
  public void close() {
    stop();
    engine.close();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Hands each file-arrival run the arrivals seen before it started, and reports them loaded. */
  private final class ArrivalTracker implements RunListener {
    @Override
    public void started(RunRecord run) {
      List<Arrival> taken = new ArrayList<>();
      synchronized (pendingArrivals) {
        List<Arrival> pending = pendingArrivals.get(run.job());
        if (pending != null) {
          pending.removeIf(
              arrival -> !arrival.seenAt().isAfter(run.startedAt()) && taken.add(arrival));
        }
      }
      if (!taken.isEmpty()) {
        arrivalsByRun.put(run.id(), taken);
      }
    }

    @Override
    public void finished(RunRecord run) {
      List<Arrival> arrivals = arrivalsByRun.remove(run.id());
      if (arrivals != null && run.status() == RunStatus.SUCCEEDED) {
        Instant visible = run.endedAt().orElse(clock.instant());
        for (Arrival arrival : arrivals) {
          arrivalListeners.forEach(listener -> listener.visible(arrival, visible));
        }
      }
    }
  }
}
