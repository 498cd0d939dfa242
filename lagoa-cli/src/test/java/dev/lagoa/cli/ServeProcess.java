package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.runtime.CatalogDatabase;
import dev.lagoa.runtime.runs.RunLedger;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real {@code lagoa serve} in a child JVM on an ephemeral port, its event log in a file, and the
 * helpers the serve tests share: copies of the car-telemetry example, files landed the way a
 * producer should land them (written elsewhere, then moved in), queries and the run ledger.
 */
final class ServeProcess implements AutoCloseable {
  static final Path CAR_TELEMETRY =
      Path.of("..", "examples", "car-telemetry").toAbsolutePath().normalize();
  private static final Pattern LISTENING = Pattern.compile("listening url=(http://[^\\s]+)");

  private final Process process;
  private final Path log;

  private ServeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code lagoa serve} on the project and waits until it listens. */
  static ServeProcess start(Path project, Map<String, String> environment) throws IOException {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command =
        List.of(
            java,
            "-Xmx768m",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--project",
            project.toString(),
            "--port",
            "0");
    Path log = project.resolve("serve-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    ServeProcess serve = new ServeProcess(builder.start(), log);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> serve.url().isPresent() || !serve.process.isAlive());
    assertThat(serve.process.isAlive()).as("serve is running; log:%n%s", serve.log()).isTrue();
    return serve;
  }

  static ServeProcess start(Path project) throws IOException {
    return start(project, Map.of());
  }

  Optional<String> url() throws IOException {
    Matcher matcher = LISTENING.matcher(log());
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  Process process() {
    return process;
  }

  /** SIGTERM, then waits for the process to end; returns its exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("serve stopped").isTrue();
    return process.exitValue();
  }

  /** SIGKILL, then waits for the process to end. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }

  /**
   * A copy of the car-telemetry example whose lagoa.yaml gets {@code replacements} applied (old →
   * new text, in order) and has an empty landing directory.
   */
  static Path carTelemetry(Path directory, String... replacements) throws IOException {
    try (Stream<Path> files = Files.walk(CAR_TELEMETRY)) {
      for (Path file : files.toList()) {
        Path copy = directory.resolve(CAR_TELEMETRY.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else if (!file.getFileName().toString().equals("README.md")) {
          Files.copy(file, copy);
        }
      }
    }
    Path config = directory.resolve(ProjectConfig.FILE_NAME);
    String text = Files.readString(config);
    for (int i = 0; i < replacements.length; i += 2) {
      assertThat(text).contains(replacements[i]);
      text = text.replace(replacements[i], replacements[i + 1]);
    }
    Files.writeString(config, text);
    Files.createDirectories(directory.resolve("landing/cars"));
    return directory;
  }

  /**
   * Lands {@code count} readings into {@code landing/cars/<batch>/} at once: written in a staging
   * folder, then each moved in atomically, as a producer should land files.
   */
  static List<Path> land(Path project, String batch, long seed, int count) throws IOException {
    Path staging = Files.createDirectories(project.resolve("staging").resolve(batch));
    List<Path> written = new CarTelemetryGenerator(seed, 20, 5).writeOnePerFile(staging, count);
    Path target = Files.createDirectories(project.resolve("landing/cars").resolve(batch));
    List<Path> landed = new ArrayList<>();
    for (Path file : written) {
      landed.add(
          Files.move(
              file, target.resolve(file.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE));
    }
    return landed;
  }

  /** Runs {@code lagoa sql} and returns its CSV lines (header first); empty on failure. */
  static List<String> query(Path project, String sql) {
    StringWriter out = new StringWriter();
    int exit =
        Main.execute(
            new String[] {
              "sql",
              "--project",
              project.toString(),
              "--format",
              "csv",
              "--max-rows",
              "1000000",
              sql
            },
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    return exit == 0 ? out.toString().lines().toList() : List.of();
  }

  /** A single number a query returns, or -1 while the table does not exist. */
  static long number(Path project, String sql) {
    List<String> lines = query(project, sql);
    return lines.size() < 2 ? -1 : Long.parseLong(lines.get(1).trim());
  }

  /** The project's runs from the ledger, newest first. */
  static List<RunRecord> runs(Path project) {
    return runs(project, Map.of());
  }

  /** The runs of a project whose lagoa.yaml reads these environment variables. */
  static List<RunRecord> runs(Path project, Map<String, String> environment) {
    ProjectConfig config =
        new ProjectConfigLoader(name -> environment.getOrDefault(name, System.getenv(name)))
            .load(project);
    return RunLedger.find(new CatalogDatabase(config.catalog()), config.name())
        .map(ledger -> ledger.list(Optional.empty(), false, 10_000))
        .orElse(List.of());
  }
}
