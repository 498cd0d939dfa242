package dev.lagoa.models.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.SparkConfig;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Spark application on the project's catalog: Lagoa's Spark job ({@code
 * dev.lagoa.spark.job.LagoaSparkJob}, module {@code lagoa-spark}) in its own JVM, driven by one
 * JSON request a line on its standard input, one answer a line on its standard output. Its log
 * (Spark's warnings, stack traces) goes to a file.
 *
 * <p>One session serves a whole {@code lagoa run}: starting Spark takes seconds. Not for concurrent
 * use: one request at a time.
 */
public final class SparkJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SparkJob.class);
  private static final String MAIN = "dev.lagoa.spark.job.LagoaSparkJob";
  private static final String ANSWER = "LAGOA-JOB ";
  // What Spark's own launcher (JavaModuleOptions) opens on Java 17; a plain `java` needs them too.
  private static final List<String> JAVA_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final BufferedWriter requests;
  private final BufferedReader answers;
  private final Path log;
  private Duration startup = Duration.ZERO;
  private String sparkVersion = "";

  private SparkJob(Process process, Path log) {
    this.process = process;
    this.log = log;
    this.requests =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Launches the job and opens its Spark session on {@code catalog}.
   *
   * @param log where the job's standard error goes (replaced)
   * @throws LagoaException when Java cannot start the job or Spark does not start
   */
  public static SparkJob start(SparkConfig spark, CatalogConfig catalog, Path log) {
    long startedAt = System.nanoTime();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + spark.driverMemory());
    command.addAll(JAVA_OPTIONS);
    command.add("-cp");
    command.add(SparkJobClasspath.of(spark));
    command.add(MAIN);
    Process process;
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
              .start();
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot start the Spark job: %s", e.getMessage());
    }
    SparkJob job = new SparkJob(process, log);
    try {
      ObjectNode request = job.json.createObjectNode().put("op", "start");
      request.put("master", spark.master());
      request.put("app_name", "lagoa");
      ObjectNode catalogNode = request.putObject("catalog");
      catalogNode.put("name", catalog.name());
      catalogNode.put("uri", catalog.uri());
      catalogNode.put("warehouse", catalog.warehouse());
      ObjectNode properties = catalogNode.putObject("properties");
      // The same file IO as Lagoa's catalog (S3FileIO and its settings for an s3:// warehouse).
      catalog.icebergProperties().forEach(properties::put);
      ObjectNode conf = request.putObject("conf");
      if (spark.master().startsWith("local")) {
        // A local session serves only this machine: bind it to the loopback interface.
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
      }
      spark.conf().forEach(conf::put);
      JsonNode answer = job.request(request);
      job.startup = Duration.ofNanos(System.nanoTime() - startedAt);
      job.sparkVersion = answer.path("spark_version").asText();
      LOG.info(
          "Spark {} session started on {} in {} ms (log: {})",
          job.sparkVersion,
          spark.master(),
          job.startup.toMillis(),
          log);
      return job;
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** Whether the job's JVM is still running (it may die: out of memory, killed). */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** How long launching the JVM and starting the Spark session took. */
  public Duration startup() {
    return startup;
  }

  public String sparkVersion() {
    return sparkVersion;
  }

  public ObjectMapper json() {
    return json;
  }

  /**
   * Sends one request and waits for its answer.
   *
   * @throws LagoaException with the job's category and message when it answers with an error, or
   *     when the job is gone (with the end of its log)
   */
  public JsonNode request(ObjectNode request) {
    String line;
    try {
      requests.write(json.writeValueAsString(request));
      requests.newLine();
      requests.flush();
      do {
        line = answers.readLine();
      } while (line != null && !line.startsWith(ANSWER));
    } catch (IOException e) {
      throw gone(e.getMessage());
    }
    if (line == null) {
      throw gone("it exited");
    }
    JsonNode answer;
    try {
      answer = json.readTree(line.substring(ANSWER.length()));
    } catch (IOException e) {
      throw LagoaException.internal(e, "Cannot read the Spark job's answer: %s", line);
    }
    if (!answer.path("ok").asBoolean()) {
      ErrorCategory category =
          switch (answer.path("category").asText()) {
            case "user" -> ErrorCategory.USER_INPUT;
            case "external" -> ErrorCategory.EXTERNAL;
            default -> ErrorCategory.INTERNAL;
          };
      throw new LagoaException(category, "Spark: " + firstLines(answer.path("error").asText()));
    }
    return answer;
  }

  /** Runs one Spark SQL statement; answers its row count. */
  public long sql(String statement) {
    return request(json.createObjectNode().put("op", "sql").put("sql", statement))
        .path("rows")
        .asLong();
  }

  private LagoaException gone(String why) {
    String tail = "";
    try {
      List<String> lines = Files.readAllLines(log);
      tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      tail = "(its log " + log + " cannot be read: " + e.getMessage() + ")";
    }
    return LagoaException.external(
        null, "Cannot talk to the Spark job: %s; the end of its log %s:\n%s", why, log, tail);
  }

  private static String firstLines(String message) {
    String[] lines = message.split("\n");
    return lines.length <= 6 ? message : String.join("\n", List.of(lines).subList(0, 6)) + "\n...";
  }

  @Override
  public void close() {
    try {
      request(json.createObjectNode().put("op", "stop"));
    } catch (LagoaException e) {
      LOG.warn("The Spark job did not stop cleanly: {}", e.getMessage());
    }
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
