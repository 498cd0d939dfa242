package dev.lagoa.api.runs;

import dev.lagoa.core.LagoaException;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.RunReport;
import dev.lagoa.scrape.ProgressListener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the whole project ({@link Lakehouse#run}) on one background thread, one run at a time (later
 * requests queue), each with a Lakehouse of its own. What the data API uses when no run engine is
 * bound, and what its tests use; {@code lagoa serve} binds its run engine instead.
 */
public final class BackgroundPipelineLauncher implements PipelineLauncher, AutoCloseable {
  private final Path project;
  private final Map<String, String> environment;
  private final Clock clock;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "lagoa-api-pipeline");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<RunId, RunState> states = new ConcurrentHashMap<>();

  public BackgroundPipelineLauncher(Path project, Map<String, String> environment, Clock clock) {
    this.project = project;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  @Override
  public RunId start(RunRequest request) {
    RunId id = new RunId(UUID.randomUUID().toString());
    states.put(id, new RunState(id, RunState.Status.QUEUED, clock.instant(), null, ""));
    runner.submit(() -> run(id));
    return id;
  }

  private void run(RunId id) {
    RunState queued = states.get(id);
    states.put(id, new RunState(id, RunState.Status.RUNNING, queued.startedAt(), null, ""));
    try (Lakehouse lake = Lakehouse.open(project, environment)) {
      RunReport report = lake.run(ProgressListener.NONE, LoadListener.NONE, false);
      states.put(
          id,
          new RunState(
              id,
              report.succeeded() ? RunState.Status.SUCCEEDED : RunState.Status.FAILED,
              queued.startedAt(),
              clock.instant(),
              summary(report)));
    } catch (LagoaException | IllegalStateException e) {
      states.put(
          id,
          new RunState(
              id, RunState.Status.FAILED, queued.startedAt(), clock.instant(), e.getMessage()));
    } catch (RuntimeException e) {
      states.put(
          id,
          new RunState(
              id,
              RunState.Status.FAILED,
              queued.startedAt(),
              clock.instant(),
              "internal error: " + e));
    }
  }

  private static String summary(RunReport report) {
    long rows = report.loads().stream().mapToLong(load -> load.rowsLoaded()).sum();
    return report.scrapes().size()
        + " scrapes, "
        + report.loads().size()
        + " loads ("
        + rows
        + " rows), "
        + report.models().map(models -> models.summary()).orElse("no models");
  }

  @Override
  public Optional<RunState> state(RunId id) {
    return Optional.ofNullable(states.get(id));
  }

  @Override
  public void close() {
    runner.shutdownNow();
    try {
      runner.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
