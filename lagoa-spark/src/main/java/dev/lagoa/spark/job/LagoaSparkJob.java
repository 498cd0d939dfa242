package dev.lagoa.spark.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark application Lagoa launches to run models on Spark, in its own JVM with Spark and
 * Iceberg's Spark runtime on the class path (they cannot share Lagoa's).
 *
 * <p>Lagoa plans; this job executes. Lagoa writes one JSON request a line on standard input and
 * reads one answer a line, prefixed {@value #ANSWER}, from standard output (everything else the JVM
 * prints goes to standard error). Requests, by {@code op}:
 *
 * <ul>
 *   <li>{@code start}: opens the Spark session on the project's catalog ({@link Sessions})
 *   <li>{@code prepare}: defines the model's inputs and views, runs its SQL and checks its
 *       expectations ({@link ModelBuilds#prepare})
 *   <li>{@code commit}: writes the prepared rows to the model's table with the snapshot properties
 *       Lagoa planned ({@link ModelBuilds#commit})
 *   <li>{@code load_read}: reads a batch of landing files in Spark tasks with Lagoa's own readers
 *       ({@link FileLoads#read})
 *   <li>{@code load_write}: writes the rows read to a branch Lagoa then commits ({@link
 *       FileLoads#write})
 *   <li>{@code sql}: runs one statement, answering its row count (benchmarks, checks)
 *   <li>{@code stop}: stops the session and exits
 * </ul>
 *
 * An answer is {@code {"ok": true, ...}} or {@code {"ok": false, "category": "user" | "external" |
 * "internal", "error": "..."}}. One request at a time: Lagoa waits for each answer.
 */
public final class LagoaSparkJob {
  static final String ANSWER = "LAGOA-JOB ";

  private LagoaSparkJob() {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    PrintStream answers = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    // Only answers go to standard output: anything else Spark or a library prints goes to stderr.
    System.setOut(System.err);
    BufferedReader requests =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    SparkSession spark = null;
    ModelBuilds builds = null;
    FileLoads loads = null;
    String line;
    while ((line = requests.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      ObjectNode answer;
      boolean stop = false;
      try {
        JsonNode request = json.readTree(line);
        String op = request.path("op").asText();
        switch (op) {
          case "start" -> {
            spark = Sessions.start(request);
            builds = new ModelBuilds(spark, request.path("catalog").path("name").asText(), json);
            loads = new FileLoads(spark, request.path("catalog").path("name").asText(), json);
            answer = json.createObjectNode().put("spark_version", spark.version());
          }
          case "prepare" -> answer = started(builds).prepare(request);
          case "commit" -> answer = started(builds).commit(request);
          case "load_read" -> answer = started(loads).read(request);
          case "load_write" -> answer = started(loads).write(request);
          case "sql" -> answer = started(builds).sql(request.path("sql").asText());
          case "stop" -> {
            stop = true;
            answer = json.createObjectNode();
          }
          default -> throw new JobException("user", "Cannot run request: unknown op '" + op + "'");
        }
        answer.put("ok", true);
      } catch (JobException e) {
        answer = failure(json, e.category(), e.getMessage());
      } catch (Exception | LinkageError e) {
        // Spark's AnalysisException (a table or column that does not exist, SQL that does not
        // parse) is the user's to fix; anything else is logged with its stack on stderr.
        if (e instanceof AnalysisException) {
          answer = failure(json, "user", e.getMessage());
        } else {
          e.printStackTrace();
          answer = failure(json, "internal", e.toString());
        }
      }
      answers.println(ANSWER + json.writeValueAsString(answer));
      if (stop) {
        break;
      }
    }
    if (spark != null) {
      spark.stop();
    }
  }

  private static <T> T started(T builds) {
    if (builds == null) {
      throw new JobException("internal", "Cannot run request: the session was not started");
    }
    return builds;
  }

  private static ObjectNode failure(ObjectMapper json, String category, String message) {
    return json.createObjectNode()
        .put("ok", false)
        .put("category", category)
        .put("error", message == null ? "(no message)" : message);
  }
}
