package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.RunStatus;
import dev.lagoa.runtime.runs.TriggerKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code lagoa serve} on a copy of car-telemetry, shared by the tests: files dropped into the
 * landing directory go all the way to the gold tables with no command, a burst is loaded once in a
 * few runs, and the HTTP routes start and report runs for signed-in users (admin to start one).
 */
class ServeFileArrivalTest {
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path workspace;
  static Path project;
  static ServeProcess serve;
  static volatile String reader;

  @BeforeAll
  static void startServe() throws Exception {
    project =
        ServeProcess.carTelemetry(
            workspace.resolve("cars"), "poll_interval: 1s", "poll_interval: 300ms");
    addUser("ops", "admin");
    addUser("viewer", "reader");
    serve = ServeProcess.start(project);
  }

  private static void addUser(String name, String role) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8)));
    try {
      StringWriter err = new StringWriter();
      int exit =
          Main.execute(
              new String[] {
                "users",
                "add",
                name,
                "--role",
                role,
                "--password-stdin",
                "--project",
                project.toString()
              },
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true));
      assertThat(exit).as(err.toString()).isZero();
    } finally {
      System.setIn(original);
    }
  }

  private static String login(String base, String name) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"" + name + "\", \"password\": \"a-long-password\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
  }

  private static HttpResponse<String> postRuns(String base, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/runs"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @AfterAll
  static void stopServe() throws Exception {
    serve.close();
  }

  @Test
  void aFileDroppedIntoTheLandingIsVisibleInTheGoldTableWithoutAnyCommand() throws Exception {
    Path file = ServeProcess.land(project, "single", 101, 1).get(0);
    String chassis = file.getFileName().toString().split("_")[0];

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ServeProcess.number(
                        project,
                        "SELECT count(*) FROM gold.car_latest_state WHERE carChassis = '"
                            + chassis
                            + "'")
                    == 1);
  }

  @Test
  void fiveHundredFilesDroppedAtOnceAreEachLoadedOnceInAFewRuns() throws Exception {
    Instant before = Instant.now();
    List<Path> files = ServeProcess.land(project, "burst", 202, 500);
    String burst = "_source_file LIKE '%/burst/%'";

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ServeProcess.number(
                        project, "SELECT count(*) FROM bronze.car_readings WHERE " + burst)
                    >= files.size());
    await()
        .atMost(PATIENCE)
        .until(() -> fileArrivalRunsSince(before).stream().allMatch(r -> r.status().finished()));

    assertThat(
            ServeProcess.number(
                project,
                "SELECT count(DISTINCT _source_file) FROM bronze.car_readings WHERE " + burst))
        .isEqualTo(500);
    assertThat(
            ServeProcess.number(project, "SELECT count(*) FROM bronze.car_readings WHERE " + burst))
        .isEqualTo(500);
    List<RunRecord> runs = fileArrivalRunsSince(before);
    assertThat(runs).allMatch(run -> run.status() == RunStatus.SUCCEEDED);
    assertThat(runs.size()).isBetween(1, 5);
  }

  @Test
  void postRunsStartsASelectionAndGetRunsReportsItsSteps() throws Exception {
    String base = serve.url().orElseThrow();
    String admin = login(base, "ops");
    reader = login(base, "viewer");
    String selection = "{\"sources\": [\"car_readings\"]}";

    HttpResponse<String> anonymous = postRuns(base, selection, null);
    HttpResponse<String> byReader = postRuns(base, selection, reader);
    HttpResponse<String> started = postRuns(base, selection, admin);

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(byReader.statusCode()).isEqualTo(403);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String runId = started.body().replaceAll(".*\"run_id\":\"([^\"]+)\".*", "$1");
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> get(base + "/runs/" + runId).body().contains("\"status\":\"succeeded\""));
    String run = get(base + "/runs/" + runId).body();
    assertThat(run)
        .contains("\"trigger\":\"api\"")
        .contains("\"kind\":\"load\"")
        .contains("\"name\":\"car_readings\"");
    assertThat(get(base + "/runs/no-such-run").statusCode()).isEqualTo(404);
    HttpResponse<String> unknownSource = postRuns(base, "{\"sources\": [\"nope\"]}", admin);
    assertThat(unknownSource.statusCode()).isEqualTo(400);
    assertThat(unknownSource.body())
        .contains("Cannot run nope: project car-telemetry has no source");
  }

  @Test
  void healthReadinessAndPrometheusMetricsAreServed() throws Exception {
    String base = serve.url().orElseThrow();
    ServeProcess.land(project, "metrics", 303, 1);

    assertThat(get(base + "/health").statusCode()).isEqualTo(200);
    assertThat(get(base + "/ready").body()).contains("\"ready\":true");
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> get(base + "/metrics").body().contains("table=\"gold.car_latest_state\"} "));
    String metrics = get(base + "/metrics").body();
    assertThat(metrics)
        .contains("lagoa_runs_total{job=\"trigger:car_readings_landed\"")
        .contains("lagoa_run_duration_seconds_count")
        .contains("lagoa_runs_queued{project=\"car-telemetry\"}")
        .contains("lagoa_file_arrival_latency_seconds_bucket")
        .contains(
            "lagoa_table_freshness_seconds{project=\"car-telemetry\",table=\"bronze.car_readings\"}")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void lagoaRunsShowsTheHistoryAndLagoaSqlQueriesItAsLagoaRuns() {
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                ServeProcess.runs(project).stream()
                    .anyMatch(
                        run ->
                            run.trigger() == TriggerKind.CATCH_UP
                                && run.status() == RunStatus.SUCCEEDED));
    StringWriter out = new StringWriter();

    int exit =
        Main.execute(
            new String[] {"runs", "--project", project.toString(), "--since", "1d"},
            new PrintWriter(out, true),
            new PrintWriter(System.err, true));

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("trigger:car_readings_landed")
        .containsPattern("catch_up\\s+succeeded");
    assertThat(
            ServeProcess.number(
                project,
                "SELECT count(*) FROM lagoa.runs WHERE trigger = 'catch_up' AND status ="
                    + " 'succeeded'"))
        .isGreaterThanOrEqualTo(1);
    assertThat(
            ServeProcess.number(
                project,
                "SELECT count(*) FROM lagoa.run_steps s JOIN lagoa.runs r USING (run_id)"
                    + " WHERE r.trigger = 'catch_up' AND s.kind = 'load'"))
        .isGreaterThanOrEqualTo(1);
  }

  private static List<RunRecord> fileArrivalRunsSince(Instant since) {
    return ServeProcess.runs(project).stream()
        .filter(run -> run.trigger() == TriggerKind.FILE_ARRIVAL)
        .filter(run -> !run.startedAt().isBefore(since.minusSeconds(1)))
        .toList();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (reader != null) {
      request.header("Authorization", "Bearer " + reader);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
