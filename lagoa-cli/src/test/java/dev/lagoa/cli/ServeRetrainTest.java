package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.StepRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retraining through {@code lagoa serve}'s run engine: an upstream trigger on an {@code ml:}
 * model's training table trains it when the table gets a snapshot no version was trained on —
 * whoever wrote it — and predictions stay behind the sign-in.
 */
class ServeRetrainTest {
  private static final Duration PATIENCE = Duration.ofSeconds(180);

  @TempDir static Path workspace;
  static Path project;
  static ServeProcess serve;

  @BeforeAll
  static void startServe() throws Exception {
    project = Files.createDirectories(workspace.resolve("lines"));
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: lines
        catalog: {uri: "jdbc:sqlite:warehouse/catalog.db", warehouse: warehouse}
        sources:
          points:
            type: files
            path: landing/points
            format: ndjson
            table: bronze.points
            schema: {hints: {x: double, y: double}}
        serve:
          poll_interval: 300ms
        triggers:
          retrain_line:
            on: upstream
            train: [line]
        ml:
          models:
            line:
              table: bronze.points
              target: y
              task: regression
              features:
                x: {type: numeric}
              algorithm: linear-sgd
              params: {epochs: 20, learning_rate: 0.05}
              test_fraction: 0.25
              seed: 7
              promotion: {metric: rmse}
        """);
    land("first.ndjson", 0, 40);
    assertThat(lagoa("run")).contains("40 rows loaded");
    serve = ServeProcess.start(project);
  }

  @AfterAll
  static void stopServe() throws Exception {
    if (serve != null) {
      serve.close();
    }
  }

  /** Points on y = 2x + 1, x from 0 to 1, with a small fixed wobble. */
  private static void land(String file, int from, int count) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      double x = i / 100.0;
      double y = 2 * x + 1 + ((i % 3) - 1) * 0.01;
      lines.append("{\"x\": ").append(x).append(", \"y\": ").append(y).append("}\n");
    }
    Path landing = Files.createDirectories(project.resolve("landing/points"));
    Files.writeString(landing.resolve(file), lines);
  }

  @Test
  void aNewSnapshotOfTheTrainingTableRetrainsTheModelAndAnUnchangedOneDoesNot() throws Exception {
    // On start the trigger catches up: no version is served yet, so version 1 is trained.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> trainSteps().stream().anyMatch(s -> s.message().startsWith("version 1 ")));

    // Another writer (a lagoa run of this project) appends to the training table.
    land("second.ndjson", 40, 40);
    assertThat(lagoa("run")).contains("40 rows loaded");

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> trainSteps().stream().anyMatch(s -> s.message().startsWith("version 2 ")));
    assertThat(lagoa("ml", "list")).contains("line");
    assertThat(trainSteps())
        .filteredOn(step -> step.status().equals("succeeded"))
        .extracting(StepRecord::message)
        .noneMatch(message -> message.startsWith("version 3 "));
  }

  @Test
  void aPredictionWithoutSignInGets401() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(serve.url().orElseThrow() + "/api/v1/ml/line/predict"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"x\": 0.5}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
  }

  private static List<StepRecord> trainSteps() {
    return ServeProcess.runs(project).stream()
        .map(RunRecord::steps)
        .flatMap(List::stream)
        .filter(step -> step.kind().equals("train"))
        .toList();
  }

  private static String lagoa(String... arguments) {
    String[] all = new String[arguments.length + 2];
    System.arraycopy(arguments, 0, all, 0, arguments.length);
    all[arguments.length] = "--project";
    all[arguments.length + 1] = project.toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as("lagoa %s: %s", String.join(" ", arguments), err).isZero();
    return out.toString();
  }
}
