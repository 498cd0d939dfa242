package dev.lagoa.cli;

import static org.awaitility.Awaitility.await;

import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.iceberg.LakeCatalog;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * `lagoa run` in a child JVM, for tests that kill it with SIGKILL, and a look at a project's tables
 * from outside while it runs.
 */
final class ChildRuns {
  private ChildRuns() {}

  /** Starts {@code lagoa run --project project}; its output goes to a log file in the project. */
  static Process start(Path project) throws IOException {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command =
        List.of(
            java,
            "-Xmx768m",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "run",
            "--project",
            project.toString());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(project.resolve("run-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  /** How many snapshots {@code table} has; 0 while the table or the catalog does not exist yet. */
  static long snapshots(Path project, String table) {
    try (LakeCatalog catalog =
        LakeCatalog.open(ProjectConfigLoader.withSystemEnvironment().load(project).catalog())) {
      return catalog
          .find(table)
          .map(found -> StreamSupport.stream(found.snapshots().spliterator(), false).count())
          .orElse(0L);
    } catch (RuntimeException e) {
      return 0; // the child process is creating the catalog
    }
  }

  static void awaitSnapshots(Path project, String table, long atLeast) {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> snapshots(project, table) >= atLeast);
  }
}
