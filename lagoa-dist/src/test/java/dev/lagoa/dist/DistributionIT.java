package dev.lagoa.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lagoa-<version>.tar.gz} that {@code ./mvnw package} builds, unpacked and run the way a
 * user without a JDK runs it: no {@code java} on the PATH, no {@code JAVA_HOME}. It loads files,
 * builds a model, answers SQL, and serves HTTP on the Java runtime it ships.
 */
class DistributionIT {
  private static final Pattern LISTENING = Pattern.compile("listening url=(http://[^\\s]+)");

  @TempDir static Path workspace;
  private static Path lagoa;
  private static Path tools;
  private static Path project;

  @BeforeAll
  static void unpackTheDistribution() throws Exception {
    Path archive = Path.of(System.getProperty("lagoa.dist"));
    assertThat(archive).isRegularFile();
    Path unpacked = Files.createDirectories(workspace.resolve("opt"));
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    try (var entries = Files.list(unpacked)) {
      Path home = entries.findFirst().orElseThrow();
      lagoa = home.resolve("bin/lagoa");
    }
    // A PATH with the shell tools the launcher uses and nothing else: no java anywhere on it. The
    // embedded PostgreSQL of the demo's movielens example also calls unshare and id: PostgreSQL
    // refuses to run as root, so as root it starts in a user namespace.
    tools = Files.createDirectories(workspace.resolve("tools"));
    for (String tool : List.of("sh", "dirname", "ls", "sed", "unshare", "id")) {
      Path real = Path.of("/usr/bin", tool);
      Files.createSymbolicLink(
          tools.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
    }
    project = Files.createDirectories(workspace.resolve("orders"));
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: orders
        catalog: {uri: "jdbc:sqlite:warehouse/catalog.db", warehouse: warehouse}
        sources:
          orders:
            type: files
            path: landing/orders
            format: ndjson
            table: bronze.orders
        """);
    Files.createDirectories(project.resolve("models/marts"));
    Files.writeString(
        project.resolve("models/marts/revenue.sql"),
        """
        /* lagoa:
        materialized: table
        */
        SELECT customer, sum(amount) AS revenue FROM {{ source('bronze', 'orders') }} GROUP BY customer
        """);
    Path landing = Files.createDirectories(project.resolve("landing/orders"));
    Files.writeString(
        landing.resolve("2026-11-29.ndjson"),
        """
        {"order_id": 1, "customer": "ana", "amount": 10.5}
        {"order_id": 2, "customer": "bruno", "amount": 4.0}
        {"order_id": 3, "customer": "ana", "amount": 2.25}
        """);
  }

  @Test
  void theUnpackedDistributionRunsWithoutAJdkOnThePath() throws Exception {
    assertThat(lagoa(List.of("--version")).output()).contains("lagoa 0.1.0");
    assertThat(lagoa(List.of("run", "-p", project.toString())).exitCode()).isZero();

    Result sql =
        lagoa(
            List.of(
                "sql",
                "-p",
                project.toString(),
                "--format",
                "csv",
                "SELECT customer, revenue FROM marts.revenue ORDER BY customer"));
    assertThat(sql.output()).contains("customer,revenue\nana,12.75\nbruno,4.0\n");
  }

  /**
   * The README's first command on the distribution's own class path (the test class path can hold
   * jars the launcher's does not: a test-scope entry once dropped the embedded PostgreSQL of the
   * movielens example from lib/ while every in-process test passed).
   */
  @Test
  void theUnpackedDistributionRunsTheDemoOfEveryShippedExample() throws Exception {
    Result demo =
        lagoa(List.of("demo", "--workspace", workspace.resolve("demo").toString()), "-Xmx2g");
    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output())
        .contains("== car-telemetry", "== imdb", "== movielens", "== books", "== bovespa")
        .contains("cdc movielens: snapshot of 124003 rows")
        .containsPattern("gold\\.books\\s+1000 rows")
        .doesNotContain("FAILED");
  }

  @Test
  void theUnpackedDistributionServesHttp() throws Exception {
    Path log = workspace.resolve("serve.log");
    Process serve =
        launcher(List.of("serve", "-p", project.toString(), "--port", "0"))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      String url = awaitUrl(serve, log);
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      serve.destroy();
      assertThat(serve.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.exitValue()).as(Files.readString(log)).isZero();
    } finally {
      serve.destroyForcibly();
    }
  }

  private static String awaitUrl(Process serve, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      Matcher matcher = LISTENING.matcher(text);
      if (matcher.find()) {
        return matcher.group(1);
      }
      assertThat(serve.isAlive()).as("serve is running; log:%n%s", text).isTrue();
      serve.waitFor(200, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("serve did not listen within 120 s:\n" + Files.readString(log));
  }

  private record Result(int exitCode, String output) {}

  private Result lagoa(List<String> arguments) throws IOException, InterruptedException {
    return lagoa(arguments, "-Xmx512m");
  }

  private Result lagoa(List<String> arguments, String javaOptions)
      throws IOException, InterruptedException {
    ProcessBuilder builder = launcher(arguments);
    builder.environment().put("LAGOA_JAVA_OPTS", javaOptions);
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private ProcessBuilder launcher(List<String> arguments) {
    List<String> command = new ArrayList<>(List.of(lagoa.toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile());
    builder.environment().remove("JAVA_HOME");
    builder.environment().put("PATH", tools.toString());
    builder.environment().put("LAGOA_JAVA_OPTS", "-Xmx512m");
    return builder;
  }
}
