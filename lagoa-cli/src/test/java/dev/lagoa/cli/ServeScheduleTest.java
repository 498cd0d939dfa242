package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.RunStatus;
import dev.lagoa.runtime.runs.TriggerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cron schedules in one {@code lagoa serve}: a per-second schedule fires on its own, and a source
 * that keeps failing is retried with exponential backoff and ends {@code failed} with its error in
 * the run history.
 */
class ServeScheduleTest {
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final String SCHEDULES =
      """
      schedules:
        tick:
          cron: "*/2 * * * * *"
          sources: [car_readings]
        broken:
          cron: "*/5 * * * * *"
          sources: [broken_web]
          retries: 3
          backoff: 300ms
        consolidate:""";
  private static final String BROKEN_SOURCE =
      """
      sources:
        broken_web:
          type: web
          mode: html
          start_urls: ["http://127.0.0.1:9/index.html"]
          landing: landing/broken
          file_prefix: broken
          crawl: {retries: 0, timeout: 2s}
          extract:
            - fields:
                title: {selector: "h1"}
        car_readings:""";

  @TempDir static Path workspace;
  static Path project;
  static ServeProcess serve;

  @BeforeAll
  static void startServe() throws Exception {
    project =
        ServeProcess.carTelemetry(
            workspace.resolve("scheduled"),
            "poll_interval: 1s",
            "poll_interval: 300ms",
            "schedules:\n  consolidate:",
            SCHEDULES,
            "sources:\n  car_readings:",
            BROKEN_SOURCE);
    serve = ServeProcess.start(project);
  }

  @AfterAll
  static void stopServe() throws Exception {
    serve.close();
  }

  @Test
  void aPerSecondCronScheduleFiresOnItsOwn() {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> runsOf("schedule:tick").stream().filter(this::succeeded).count() >= 2);

    List<RunRecord> ticks = runsOf("schedule:tick");
    assertThat(ticks).allMatch(run -> run.trigger() == TriggerKind.SCHEDULE);
    // Each firing is at an even second, as the cron says, and no firing ran twice.
    assertThat(ticks).allMatch(run -> run.scheduledFor().getEpochSecond() % 2 == 0);
    assertThat(ticks.stream().map(RunRecord::scheduledFor).distinct().count())
        .isEqualTo(ticks.size());
  }

  @Test
  void aFailingSourceIsRetriedWithBackoffAndEndsFailedWithItsErrorInTheHistory() throws Exception {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                runsOf("schedule:broken").stream()
                    .anyMatch(run -> run.status() == RunStatus.FAILED));

    RunRecord failed =
        runsOf("schedule:broken").stream()
            .filter(run -> run.status() == RunStatus.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.error())
        .hasValueSatisfying(error -> assertThat(error).contains("127.0.0.1:9"));
    assertThat(failed.steps())
        .singleElement()
        .satisfies(
            step -> {
              assertThat(step.kind()).isEqualTo("scrape");
              assertThat(step.status()).isEqualTo("failed");
            });
    // The backoff doubles: 300 ms before the second attempt, 600 ms before the third.
    assertThat(serve.log())
        .contains("run_retrying run=" + failed.id())
        .containsPattern("run=" + failed.id() + ".*attempt=1 retry_in_ms=300 ")
        .containsPattern("run=" + failed.id() + ".*attempt=2 retry_in_ms=600 ");
  }

  private boolean succeeded(RunRecord run) {
    return run.status() == RunStatus.SUCCEEDED;
  }

  private static List<RunRecord> runsOf(String job) {
    return ServeProcess.runs(project).stream().filter(run -> run.job().equals(job)).toList();
  }
}
