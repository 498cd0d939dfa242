package dev.lagoa.bench;

import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.files.Directories;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.TriggerKind;
import dev.lagoa.runtime.serve.EventLog;
import dev.lagoa.runtime.serve.PipelineService;
import dev.lagoa.scrape.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code lagoa serve} end to end, in process: a file lands in a landing directory, the file-arrival
 * trigger loads it into {@code bronze.events} and the incremental model appends it to {@code
 * silver.events}. An observer reading the silver table's snapshots (as any reader would) records
 * when each file's row becomes visible.
 *
 * <ol>
 *   <li>steady: {@code files} files arriving at {@code rate} per second, poll interval 1 s: p50,
 *       p95, p99 of landed → visible in silver, and p95 against the poll interval;
 *   <li>burst: {@code burst} files landed at once: time until all are visible, the runs it took,
 *       and that time against a one-shot {@code lagoa run} of the same files in a fresh project
 *       (the reference, measured in the same process).
 * </ol>
 *
 * Arguments: {@code [files=200] [rate=5] [burst=2000]}.
 */
final class ServeBenchmark {
  private static final String CONFIG =
      """
      name: serve-bench
      serve: {poll_interval: 1s, max_concurrent_runs: 2}
      sources:
        events: {type: files, path: landing/events, format: ndjson, pattern: "**.jsonl", table: bronze.events,
                 schema: {hints: {id: long}}}
      triggers:
        events_landed: {on: file-arrival, source: events, models: downstream, retries: 1}
      """;
  private static final String MODEL =
      """
      /* lagoa:
      materialized: incremental
      table: silver.events
      */
      SELECT id, batch FROM {{ source('bronze', 'events') }}
      """;

  private ServeBenchmark() {}

  static void run(Path data, String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 5;
    int burst = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    Path root = data.resolve("serve");
    Directories.deleteQuietly(root);
    Path project = project(root.resolve("served"));
    System.out.printf(
        Locale.ROOT,
        "serve benchmark: %d files at %.1f/s, then a burst of %d files; poll interval 1 s%n",
        files,
        rate,
        burst);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (PipelineService service =
        PipelineService.start(
            ProjectConfigLoader.withSystemEnvironment().load(project),
            Clock.systemUTC(),
            new EventLog(quiet, EventLog.Format.TEXT, Clock.systemUTC()))) {
      Observer observer = new Observer(project);
      observer.start();
      // Warm-up: the first file creates the tables; steady state starts after it is visible.
      land(project, "warmup", files + burst, 1);
      observer.awaitId(files + burst, Duration.ofMinutes(10));
      // Steady arrivals.
      long[] landed = new long[files];
      Instant steadyStart = Instant.now();
      long interval = (long) (1_000_000_000L / rate);
      long next = System.nanoTime();
      for (int i = 0; i < files; i++) {
        LockSupport.parkNanos(next - System.nanoTime());
        landed[i] = System.nanoTime();
        land(project, "steady", i, 1);
        next += interval;
      }
      observer.awaitId(files - 1, Duration.ofMinutes(10));
      List<Double> latencies = new ArrayList<>();
      for (int i = 0; i < files; i++) {
        latencies.add((observer.visibleAt(i) - landed[i]) / 1e9);
      }
      double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double p95 = percentile(sorted, 95);
      System.out.printf(
          Locale.ROOT,
          "steady: landed -> visible in silver.events: p50 %.2f s, p95 %.2f s, p99 %.2f s,"
              + " max %.2f s (p95 = %.2f x the poll interval; observer reads every 100 ms);"
              + " %d runs after a warm-up file%n",
          percentile(sorted, 50),
          p95,
          percentile(sorted, 99),
          sorted[sorted.length - 1],
          p95 / 1.0,
          fileRuns(service, steadyStart));

      // Burst.
      Path staging = Files.createDirectories(root.resolve("staging"));
      List<Path> written = write(staging, "burst", files, burst);
      Instant burstStart = Instant.now();
      long start = System.nanoTime();
      Path target = Files.createDirectories(project.resolve("landing/events/burst"));
      for (Path file : written) {
        Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
      observer.awaitId(files + burst - 1, Duration.ofMinutes(20));
      double burstSeconds = (observer.visibleAt(files + burst - 1) - start) / 1e9;
      observer.stop();
      long runs = fileRuns(service, burstStart);

      // Reference: the same burst loaded and modelled by a one-shot lagoa run.
      Path reference = project(root.resolve("reference"));
      write(
          Files.createDirectories(reference.resolve("landing/events/burst")),
          "burst",
          files,
          burst);
      long referenceStart = System.nanoTime();
      try (Lakehouse lake = Lakehouse.open(reference)) {
        lake.run(List.of(), ProgressListener.NONE, LoadListener.NONE);
        lake.runModels(Selection.all(), false);
      }
      double referenceSeconds = (System.nanoTime() - referenceStart) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "burst: %d files all visible in silver after %.2f s in %d runs; a one-shot lagoa run of"
              + " the same files takes %.2f s (ratio %.2f)%n",
          burst,
          burstSeconds,
          runs,
          referenceSeconds,
          burstSeconds / referenceSeconds);
    }
  }

  private static long fileRuns(PipelineService service, Instant since) {
    return service.ledger().list(Optional.of(since), false, 100_000).stream()
        .filter(run -> run.trigger() == TriggerKind.FILE_ARRIVAL)
        .map(RunRecord::id)
        .count();
  }

  private static Path project(Path directory) throws IOException {
    Files.createDirectories(directory.resolve("landing/events"));
    Files.createDirectories(directory.resolve("models/silver"));
    Files.writeString(directory.resolve("lagoa.yaml"), CONFIG);
    Files.writeString(directory.resolve("models/silver/events.sql"), MODEL);
    return directory;
  }

  /** Lands {@code count} one-line files with ids from {@code first}, each moved in atomically. */
  private static void land(Path project, String batch, int first, int count) throws IOException {
    Path staging = Files.createDirectories(project.resolve("staging"));
    Path target = Files.createDirectories(project.resolve("landing/events").resolve(batch));
    for (Path file : write(staging, batch, first, count)) {
      Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static List<Path> write(Path directory, String batch, int first, int count)
      throws IOException {
    List<Path> files = new ArrayList<>();
    for (int id = first; id < first + count; id++) {
      Path file = directory.resolve(String.format(Locale.ROOT, "event_%07d.jsonl", id));
      Files.writeString(file, "{\"id\":" + id + ",\"batch\":\"" + batch + "\"}\n");
      files.add(file);
    }
    return files;
  }

  private static double percentile(double[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  /**
   * Reads silver.events' current snapshot every 100 ms and, when it changes, which ids it holds;
   * records the first time each id is seen.
   */
  private static final class Observer {
    private final Path project;
    private final ConcurrentHashMap<Long, Long> seen = new ConcurrentHashMap<>();
    private final AtomicLong lastSnapshot = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    Observer(Path project) {
      this.project = project;
    }

    void start() {
      thread = new Thread(this::observe, "observer");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    long visibleAt(long id) {
      return seen.get(id);
    }

    void awaitId(long id, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!seen.containsKey(id)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("id " + id + " not visible after " + timeout);
        }
        Thread.sleep(20);
      }
    }

    private void observe() {
      var config = ProjectConfigLoader.withSystemEnvironment().load(project);
      try (LakeCatalog catalog = LakeCatalog.open(config.catalog());
          Lakehouse lake = Lakehouse.open(project)) {
        while (running) {
          long now = System.nanoTime();
          var table = catalog.find("silver.events");
          if (table.isPresent() && table.get().currentSnapshot() != null) {
            long snapshot = table.get().currentSnapshot().snapshotId();
            if (snapshot != lastSnapshot.getAndSet(snapshot)) {
              var result = lake.sql("SELECT id FROM silver.events", null, Integer.MAX_VALUE);
              for (List<String> row : result.rows()) {
                seen.putIfAbsent(Long.parseLong(row.get(0)), now);
              }
            }
          }
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
