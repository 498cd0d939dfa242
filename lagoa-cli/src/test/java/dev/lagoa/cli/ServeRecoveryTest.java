package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.runtime.runs.RunStatus;
import dev.lagoa.runtime.runs.TriggerKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lagoa serve} stopped in the middle of a triggered load — killed with SIGKILL, or asked to
 * stop with SIGTERM and a grace period too short for the run — leaves only whole commits, and the
 * next start (or run) loads every file exactly once and brings the models up to date.
 */
class ServeRecoveryTest {
  private static final Duration PATIENCE = Duration.ofSeconds(240);
  private static final int FILES = 600;

  @TempDir Path workspace;

  @Test
  void killingServeDuringATriggeredLoadThenRestartingLoadsEveryFileOnceAndBuildsTheModels()
      throws Exception {
    Path project = project("killed", "30s");
    try (ServeProcess serve = ServeProcess.start(project)) {
      ServeProcess.land(project, "a", 11, FILES);
      ChildRuns.awaitSnapshots(project, "bronze.car_readings", 2);
      serve.kill();
    }
    // Killed mid-run: the run that was loading is still "running" in the ledger.
    assertThat(ServeProcess.runs(project)).anyMatch(run -> run.status() == RunStatus.RUNNING);

    Instant restart = Instant.now();
    try (ServeProcess serve = ServeProcess.start(project)) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  ServeProcess.runs(project).stream()
                      .anyMatch(
                          run ->
                              run.trigger() == TriggerKind.CATCH_UP
                                  && !run.startedAt().isBefore(restart)
                                  && run.status() == RunStatus.SUCCEEDED));
      assertThat(serve.terminate()).isNotEqualTo(-1);
    }

    assertThat(ServeProcess.runs(project))
        .noneMatch(run -> run.status() == RunStatus.RUNNING)
        .anyMatch(
            run ->
                run.status() == RunStatus.INTERRUPTED
                    && run.error().orElse("").contains("the process running it"));
    assertEveryFileLoadedOnce(project);
    String rerun = run(project);
    assertThat(rerun).contains("0 built, 5 up to date, 0 failed or skipped");
  }

  @Test
  void sigtermDuringALoadLetsTheStepEndWithinTheGracePeriodAndCommitsNothingPartial()
      throws Exception {
    Path project = project("terminated", "1s");
    try (ServeProcess serve = ServeProcess.start(project)) {
      ServeProcess.land(project, "a", 12, FILES);
      ChildRuns.awaitSnapshots(project, "bronze.car_readings", 1);

      serve.terminate();

      assertThat(serve.log()).contains("service_stopping").contains("service_stopped");
    }
    long rows = ServeProcess.number(project, "SELECT count(*) FROM bronze.car_readings");
    assertThat(rows)
        .isEqualTo(
            ServeProcess.number(
                project, "SELECT count(DISTINCT _source_file) FROM bronze.car_readings"));
    assertThat(ServeProcess.runs(project))
        .noneMatch(run -> run.status() == RunStatus.RUNNING)
        .noneMatch(run -> run.status() == RunStatus.QUEUED);
    if (rows < FILES) {
      // The grace period was too short for the run loading the files: it is recorded interrupted.
      assertThat(ServeProcess.runs(project))
          .anyMatch(
              run ->
                  run.status() == RunStatus.INTERRUPTED
                      && run.error().orElse("").contains("the service stop"));
    }

    run(project);
    assertEveryFileLoadedOnce(project);
  }

  private Path project(String name, String grace) throws Exception {
    return ServeProcess.carTelemetry(
        workspace.resolve(name),
        "poll_interval: 1s",
        "poll_interval: 300ms",
        "grace_period: 30s",
        "grace_period: " + grace,
        "format: json ",
        "batch_files: 50\n    format: json ");
  }

  private static void assertEveryFileLoadedOnce(Path project) {
    assertThat(ServeProcess.number(project, "SELECT count(*) FROM bronze.car_readings"))
        .isEqualTo(FILES);
    assertThat(
            ServeProcess.number(
                project, "SELECT count(DISTINCT _source_file) FROM bronze.car_readings"))
        .isEqualTo(FILES);
  }

  /** A one-shot {@code lagoa run}; returns its output. */
  private static String run(Path project) {
    StringWriter out = new StringWriter();
    int exit =
        Main.execute(
            new String[] {"run", "--project", project.toString()},
            new PrintWriter(out, true),
            new PrintWriter(System.err, true));
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }
}
