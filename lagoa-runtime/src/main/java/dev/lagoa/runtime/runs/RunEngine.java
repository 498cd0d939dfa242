package dev.lagoa.runtime.runs;

import dev.lagoa.cdc.CatchUpReport;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelResult;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.scrape.ScrapeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Executes runs: a bounded number at once, the rest queued; at most one run of the process writing
 * a table at a time (a run waits for the tables it writes, in name order, so two runs cannot wait
 * on each other); requests of one job that wait to start are one run (a burst of file arrivals
 * becomes one run, however many files); failed attempts retried with exponential backoff; attempts
 * longer than their timeout interrupted. Every run is in the {@link RunLedger}.
 *
 * <p>Nothing partial is ever committed: each step commits through Iceberg, atomically, with its
 * bookmark. A run cut short (timeout, shutdown, kill -9) leaves whole commits only, and the next
 * run of the job picks up from them.
 */
public final class RunEngine implements AutoCloseable {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final ProjectConfig config;
  private final RunPlanner planner;
  private final RunLedger ledger;
  private final Clock clock;
  private final String worker;
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService runThreads;
  private final ExecutorService attemptThreads = Executors.newCachedThreadPool(daemon("attempt"));
  private final LinkedBlockingDeque<Lakehouse> idleLakes = new LinkedBlockingDeque<>();
  private final Map<String, Queued> queuedByJob = new HashMap<>();
  private final Map<String, RunRecord> active = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> tableLocks = new ConcurrentHashMap<>();
  private final Set<String> recorded = ConcurrentHashMap.newKeySet();
  private final AtomicInteger waiting = new AtomicInteger();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Set<String> streamedSources = Set.of();
  private volatile ModelTrainer trainer;
  private volatile boolean accepting = true;

  public RunEngine(
      ProjectConfig config, RunLedger ledger, Clock clock, int maxConcurrentRuns, String worker) {
    this.config = config;
    this.planner = new RunPlanner(config);
    this.ledger = ledger;
    this.clock = clock;
    this.worker = worker;
    this.runThreads = Executors.newFixedThreadPool(maxConcurrentRuns, daemon("run"));
  }

  /**
   * Change-data-capture sources a long-running stream keeps up to date: a run naming one records a
   * capture step without catching it up (two readers of one replication slot would conflict).
   */
  public void leaveCaptureTo(Set<String> sources) {
    streamedSources = Set.copyOf(sources);
  }

  /** How runs retrain {@code ml:} models (their {@code train} step); none until set. */
  public void trainWith(ModelTrainer trainer) {
    this.trainer = trainer;
  }

  public void addListener(RunListener listener) {
    listeners.add(listener);
  }

  public RunPlanner planner() {
    return planner;
  }

  /** A submitted request: its run, and whether it joined a run of its job already waiting. */
  public record Submission(String runId, boolean coalesced, CompletableFuture<RunRecord> done) {}

  /**
   * Queues a run, or joins the run of the same job waiting to start. Returns empty once the engine
   * stops taking work.
   *
   * @throws LagoaException when the request names an unknown source or model (before queueing)
   */
  public synchronized Optional<Submission> submit(RunRequest request) {
    if (!accepting) {
      return Optional.empty();
    }
    Queued existing = queuedByJob.get(request.job());
    if (existing != null) {
      return Optional.of(new Submission(existing.run.id(), true, existing.done));
    }
    Set<String> writes = planner.writes(request);
    Instant now = clock.instant();
    RunRecord run =
        new RunRecord(
            "run-" + RUN_TIME.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8),
            config.name(),
            request.job(),
            request.trigger(),
            request.selection(),
            RunStatus.QUEUED,
            request.scheduledFor(),
            now,
            Optional.empty(),
            0,
            Optional.empty(),
            worker,
            List.of());
    ledger.started(run);
    Queued queued = new Queued(run, request, writes, new CompletableFuture<>());
    queuedByJob.put(request.job(), queued);
    waiting.incrementAndGet();
    listeners.forEach(listener -> listener.queued(run));
    runThreads.execute(() -> execute(queued));
    return Optional.of(new Submission(run.id(), false, queued.done));
  }

  /** Runs queued and not started yet (including those waiting for a table). */
  public int queueDepth() {
    return waiting.get();
  }

  public int runningCount() {
    return active.size();
  }

  /**
   * Stops taking work, lets running runs finish within {@code grace}, then interrupts what is left
   * (whole commits only: see the class comment). Runs that never started are marked interrupted.
   */
  public void stop(Duration grace) {
    List<Queued> dropped;
    synchronized (this) {
      accepting = false;
      dropped = new ArrayList<>(queuedByJob.values());
      queuedByJob.clear();
    }
    stopping.countDown();
    runThreads.shutdown();
    try {
      if (!runThreads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        runThreads.shutdownNow();
        attemptThreads.shutdownNow();
        runThreads.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (RunRecord run : active.values()) {
      finish(run, RunStatus.INTERRUPTED, run.attempts(), "the service stopped", List.of());
    }
    for (Queued queued : dropped) {
      if (!queued.done.isDone()) {
        RunRecord run = queued.run;
        RunRecord ended =
            finish(
                run, RunStatus.INTERRUPTED, 0, "the service stopped before it started", List.of());
        queued.done.complete(ended);
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ZERO);
    attemptThreads.shutdownNow();
    Lakehouse lake;
    while ((lake = idleLakes.poll()) != null) {
      lake.close();
    }
  }

  private void execute(Queued queued) {
    synchronized (this) {
      if (queuedByJob.get(queued.request.job()) == queued) {
        queuedByJob.remove(queued.request.job());
      }
    }
    RunRecord run = queued.run;
    List<ReentrantLock> held = new ArrayList<>();
    try {
      for (String table : queued.writes) {
        ReentrantLock lock = tableLocks.computeIfAbsent(table, t -> new ReentrantLock(true));
        lock.lockInterruptibly();
        held.add(lock);
      }
      waiting.decrementAndGet();
      queued.done.complete(attempts(queued));
    } catch (InterruptedException e) {
      waiting.decrementAndGet();
      queued.done.complete(
          finish(
              run, RunStatus.INTERRUPTED, 0, "the service stopped before it started", List.of()));
    } catch (RuntimeException e) {
      queued.done.completeExceptionally(e);
      throw e;
    } finally {
      Collections.reverse(held);
      held.forEach(ReentrantLock::unlock);
    }
  }

  private RunRecord attempts(Queued queued) {
    RunRequest request = queued.request;
    RunRecord run = with(queued.run, RunStatus.RUNNING, clock.instant(), 0, Optional.empty());
    ledger.running(run.id(), run.startedAt());
    active.put(run.id(), run);
    listeners.forEach(listener -> listener.started(run));
    String error = "";
    List<StepRecord> steps = List.of();
    int attempt = 0;
    while (attempt < request.retry().attempts()) {
      attempt++;
      if (attempt > 1) {
        Duration delay = request.retry().delayBefore(attempt);
        try {
          if (stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            return finish(
                run,
                RunStatus.INTERRUPTED,
                attempt - 1,
                "the service stopped before retrying: " + error,
                steps);
          }
        } catch (InterruptedException e) {
          return finish(run, RunStatus.INTERRUPTED, attempt - 1, "interrupted: " + error, steps);
        }
      }
      List<StepRecord> attemptSteps = Collections.synchronizedList(new ArrayList<>());
      Optional<String> failure = attempt(request, attemptSteps);
      steps = List.copyOf(attemptSteps);
      if (failure.isEmpty()) {
        return finish(run, RunStatus.SUCCEEDED, attempt, null, steps);
      }
      error = failure.get();
      if (Thread.currentThread().isInterrupted() || !accepting) {
        return finish(run, RunStatus.INTERRUPTED, attempt, error, steps);
      }
      if (attempt < request.retry().attempts()) {
        ledger.attemptFailed(run.id(), attempt, error);
        int failed = attempt;
        String message = error;
        Duration retryIn = request.retry().delayBefore(attempt + 1);
        RunRecord current =
            with(run, RunStatus.RUNNING, run.startedAt(), attempt, Optional.of(error));
        listeners.forEach(listener -> listener.attemptFailed(current, failed, message, retryIn));
      }
    }
    return finish(run, RunStatus.FAILED, attempt, error, steps);
  }

  /** One attempt, on its own thread so its timeout can interrupt it; empty when it succeeded. */
  private Optional<String> attempt(RunRequest request, List<StepRecord> steps) {
    CountDownLatch ended = new CountDownLatch(1);
    AtomicBoolean cancelled = new AtomicBoolean();
    Future<?> future =
        attemptThreads.submit(
            () -> {
              try {
                execute(request, steps, cancelled);
              } finally {
                ended.countDown();
              }
            });
    try {
      future.get(request.retry().timeout().toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (TimeoutException e) {
      cancelled.set(true);
      future.cancel(true);
      awaitQuietly(ended);
      return Optional.of("timed out after " + request.retry().timeout());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return Optional.of(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    } catch (InterruptedException e) {
      cancelled.set(true);
      future.cancel(true);
      awaitQuietly(ended);
      Thread.currentThread().interrupt();
      return Optional.of("interrupted by the service stopping");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the request's steps. A cancelled attempt (timeout, shutdown) stops at the next file a
   * loader finishes or page a scraper reads: the batch in progress is not committed.
   */
  private void execute(RunRequest request, List<StepRecord> steps, AtomicBoolean cancelled) {
    LoadListener loadCheck =
        (done, total, rows) -> {
          if (cancelled.get()) {
            throw LagoaException.external(null, "Cannot finish the load: the run was stopped");
          }
        };
    ProgressListener scrapeCheck =
        progress -> {
          if (cancelled.get()) {
            throw LagoaException.external(null, "Cannot finish the scrape: the run was stopped");
          }
        };
    Lakehouse lake = borrow();
    boolean healthy = false;
    try {
      for (String name : request.sources()) {
        SourceConfig source = planner.source(name);
        if (source instanceof WebSourceConfig web) {
          Instant start = clock.instant();
          try {
            ScrapeResult scrape = lake.scrape(web, scrapeCheck);
            steps.add(
                new StepRecord(
                    "scrape",
                    name,
                    "succeeded",
                    scrape.pages(),
                    scrape.rows(),
                    0,
                    start,
                    clock.instant(),
                    scrape.rows() + " rows from " + scrape.pages() + " pages"));
          } catch (RuntimeException e) {
            steps.add(failedStep("scrape", name, start, e));
            throw e;
          }
        }
      }
      for (String name : request.sources()) {
        SourceConfig source = planner.source(name);
        if (source instanceof FilesSourceConfig files) {
          Instant start = clock.instant();
          try {
            LoadReport load = lake.load(files, loadCheck);
            steps.add(
                new StepRecord(
                    "load",
                    name,
                    "succeeded",
                    load.filesLoaded(),
                    load.rowsLoaded(),
                    load.rowsQuarantined(),
                    start,
                    clock.instant(),
                    load.filesLoaded()
                        + " files, "
                        + load.rowsLoaded()
                        + " rows into "
                        + load.table()));
          } catch (RuntimeException e) {
            steps.add(failedStep("load", name, start, e));
            throw e;
          }
        }
      }
      for (String name : request.sources()) {
        SourceConfig source = planner.source(name);
        if (source instanceof PostgresCdcSourceConfig cdc) {
          Instant start = clock.instant();
          if (streamedSources.contains(name)) {
            steps.add(
                new StepRecord(
                    "capture",
                    name,
                    "succeeded",
                    0,
                    0,
                    0,
                    start,
                    start,
                    "streamed continuously by lagoa serve: the models read what it has committed"));
            continue;
          }
          try {
            CatchUpReport capture = lake.catchUp(cdc);
            steps.add(
                new StepRecord(
                    "capture",
                    name,
                    "succeeded",
                    capture.tables().size(),
                    capture.snapshotRows() + capture.changes(),
                    0,
                    start,
                    clock.instant(),
                    capture.summary()));
          } catch (RuntimeException e) {
            steps.add(failedStep("capture", name, start, e));
            throw e;
          }
        }
      }
      Optional<String> missing = missingLoadedTable(lake, request);
      if (!request.models().isBlank() && missing.isPresent()) {
        Instant now = clock.instant();
        steps.add(
            new StepRecord(
                "model",
                request.models(),
                "skipped",
                0,
                0,
                0,
                now,
                now,
                missing.get() + " has no data yet: no files have landed"));
      } else if (!request.models().isBlank()) {
        Instant start = clock.instant();
        ModelRunReport report = lake.runModels(Selection.parse(request.models()), false);
        Instant end = clock.instant();
        for (ModelResult result : report.results()) {
          steps.add(
              new StepRecord(
                  "model",
                  result.model(),
                  result.status().name().toLowerCase(Locale.ROOT),
                  result.rowsIn(),
                  result.rowsOut(),
                  result.rowsDropped(),
                  start,
                  end,
                  result.message()));
        }
        if (!report.succeeded()) {
          List<String> failures = new ArrayList<>();
          for (ModelResult failed : report.failed()) {
            failures.add(failed.model() + ": " + failed.message());
          }
          throw LagoaException.userInput(
              "Cannot build models %s: %s", request.models(), String.join("; ", failures));
        }
      }
      for (String model : request.train()) {
        Instant start = clock.instant();
        try {
          steps.add(train(lake, model, request.trainOnNewSnapshot(), start));
        } catch (RuntimeException e) {
          steps.add(failedStep("train", model, start, e));
          throw e;
        }
      }
      healthy = true;
    } finally {
      giveBack(lake, healthy || !Thread.currentThread().isInterrupted());
    }
  }

  private StepRecord train(Lakehouse lake, String model, boolean onlyOnNewSnapshot, Instant start) {
    ModelTrainer current = trainer;
    if (current == null) {
      throw LagoaException.userInput(
          "Cannot retrain %s: this process has no model trainer (lagoa serve provides one)", model);
    }
    Optional<String> done = current.retrain(lake, model, onlyOnNewSnapshot);
    return new StepRecord(
        "train",
        model,
        done.isPresent() ? "succeeded" : "up_to_date",
        0,
        0,
        0,
        start,
        clock.instant(),
        done.orElse("a version was already trained on the training table's current snapshot"));
  }

  /** A table of the request's files sources that does not exist (nothing ever landed). */
  private Optional<String> missingLoadedTable(Lakehouse lake, RunRequest request) {
    for (String name : request.sources()) {
      if (planner.source(name) instanceof FilesSourceConfig files
          && lake.catalog().find(files.table()).isEmpty()) {
        return Optional.of(files.table());
      }
    }
    return Optional.empty();
  }

  private StepRecord failedStep(String kind, String name, Instant start, RuntimeException e) {
    return new StepRecord(
        kind,
        name,
        "failed",
        0,
        0,
        0,
        start,
        clock.instant(),
        e.getMessage() == null ? e.toString() : e.getMessage());
  }

  /** One open project (catalog + engine) per concurrent attempt: an engine is single-threaded. */
  private Lakehouse borrow() {
    Lakehouse lake = idleLakes.poll();
    return lake != null ? lake : Lakehouse.open(config, clock);
  }

  private void giveBack(Lakehouse lake, boolean reusable) {
    if (reusable && accepting) {
      idleLakes.push(lake);
    } else {
      lake.close();
    }
  }

  private RunRecord finish(
      RunRecord run, RunStatus status, int attempts, String error, List<StepRecord> steps) {
    RunRecord ended =
        new RunRecord(
            run.id(),
            run.project(),
            run.job(),
            run.trigger(),
            run.selection(),
            status,
            run.scheduledFor(),
            run.startedAt(),
            Optional.of(clock.instant()),
            attempts,
            Optional.ofNullable(error),
            run.worker(),
            steps);
    active.remove(run.id());
    if (!recorded.add(run.id())) {
      return ended; // stop() recorded it as interrupted already
    }
    ledger.finished(ended);
    listeners.forEach(listener -> listener.finished(ended));
    return ended;
  }

  private static RunRecord with(
      RunRecord run, RunStatus status, Instant startedAt, int attempts, Optional<String> error) {
    return new RunRecord(
        run.id(),
        run.project(),
        run.job(),
        run.trigger(),
        run.selection(),
        status,
        run.scheduledFor(),
        startedAt,
        Optional.empty(),
        attempts,
        error,
        run.worker(),
        List.of());
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "lagoa-" + name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Queued(
      RunRecord run, RunRequest request, Set<String> writes, CompletableFuture<RunRecord> done) {}
}
