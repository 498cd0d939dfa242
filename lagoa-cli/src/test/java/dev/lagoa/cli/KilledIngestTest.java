package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a real `lagoa run` process mid-ingest, re-run, and count every row exactly once. */
class KilledIngestTest {
  private static final int FILES = 40;
  private static final int READINGS_PER_FILE = 1_000;

  @TempDir Path project;

  @Test
  void killingTheLoaderMidRunAndRerunningLeavesEveryRowExactlyOnce() throws Exception {
    Path landing = Files.createDirectories(project.resolve("landing"));
    new CarTelemetryGenerator(11, 50, 3).writeNdjsonGz(landing, FILES, READINGS_PER_FILE);
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: crash
        sources:
          cars:
            type: files
            path: landing
            format: ndjson
            table: bronze.cars
            batch_files: 4
        """);

    Process first = start();
    awaitCommits(1);
    first.destroyForcibly().waitFor();
    long afterFirstKill = commits();
    Process second = start();
    awaitCommits(afterFirstKill + 1);
    second.destroyForcibly().waitFor();
    long afterSecondKill = commits();

    assertThat(start().waitFor()).isZero();
    assertThat(start().waitFor()).isZero();

    String counts =
        query(
            "SELECT count(*) || ' ' || count(DISTINCT _source_file || '#' || _line) FROM bronze.cars");
    assertThat(counts).isEqualTo((FILES * READINGS_PER_FILE) + " " + (FILES * READINGS_PER_FILE));
    assertThat(commits()).isEqualTo(FILES / 4);
    // The kills really interrupted runs: neither killed run had finished all batches.
    assertThat(afterFirstKill).isLessThan(FILES / 4);
    assertThat(afterSecondKill).isLessThan(FILES / 4);
  }

  private Process start() throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "run",
                "--project",
                project.toString()));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(project.resolve("run-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  private void awaitCommits(long atLeast) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> commits() >= atLeast);
  }

  private long commits() {
    try (LakeCatalog catalog =
        LakeCatalog.open(ProjectConfigLoader.withSystemEnvironment().load(project).catalog())) {
      return catalog.find("bronze.cars").map(KilledIngestTest::countSnapshots).orElse(0L);
    } catch (RuntimeException e) {
      return 0; // the catalog database is being created by the child process
    }
  }

  private static long countSnapshots(Table table) {
    long count = 0;
    for (Snapshot ignored : table.snapshots()) {
      count++;
    }
    return count;
  }

  private String query(String sql) throws Exception {
    java.io.StringWriter out = new java.io.StringWriter();
    int exit =
        Main.execute(
            new String[] {"sql", "--project", project.toString(), "--format", "csv", sql},
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(System.err, true));
    assertThat(exit).isZero();
    return out.toString().lines().skip(1).findFirst().orElseThrow();
  }

  private static String javaBin() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }
}
