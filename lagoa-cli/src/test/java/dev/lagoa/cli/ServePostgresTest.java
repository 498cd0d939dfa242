package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.runtime.runs.RunRecord;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code lagoa serve} processes on one project whose catalog is a real PostgreSQL: db-scheduler
 * lets only one of them claim each firing of a schedule.
 */
class ServePostgresTest {
  @TempDir Path workspace;

  @Test
  void twoServeProcessesOnOnePostgresCatalogRunEachScheduledFiringOnce() throws Exception {
    Path project =
        ServeProcess.carTelemetry(
            workspace.resolve("shared"),
            "poll_interval: 1s",
            "poll_interval: 300ms",
            "schedules:\n  consolidate:",
            "schedules:\n  tick:\n    cron: \"* * * * * *\"\n    sources: [car_readings]\n"
                + "  consolidate:");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Map<String, String> environment =
          Map.of(
              "LAGOA_CATALOG_URI",
              "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres");
      try (ServeProcess first = ServeProcess.start(project, environment);
          ServeProcess second = ServeProcess.start(project, environment)) {
        Instant bothUp = Instant.now();
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> ticks(environment, bothUp).size() >= 8);
        first.terminate();
        second.terminate();
      }
      List<RunRecord> ticks = ticks(environment, Instant.EPOCH);
      Map<Instant, Long> runsPerFiring =
          ticks.stream()
              .collect(Collectors.groupingBy(RunRecord::scheduledFor, Collectors.counting()));
      assertThat(runsPerFiring.values()).isNotEmpty().allMatch(count -> count == 1);
    }
  }

  private List<RunRecord> ticks(Map<String, String> environment, Instant since) {
    return ServeProcess.runs(workspace.resolve("shared"), environment).stream()
        .filter(run -> run.job().equals("schedule:tick"))
        .filter(run -> !run.startedAt().isBefore(since))
        .toList();
  }
}
