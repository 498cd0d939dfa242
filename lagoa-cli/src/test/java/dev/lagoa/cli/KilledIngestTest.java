package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL a real `lagoa run` process mid-ingest, re-run, and count every row exactly once. */
class KilledIngestTest {
  private static final int FILES = 40;
  private static final int READINGS_PER_FILE = 1_000;
  private static final String TABLE = "bronze.cars";

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

    Process first = ChildRuns.start(project);
    ChildRuns.awaitSnapshots(project, TABLE, 1);
    first.destroyForcibly().waitFor();
    long afterFirstKill = ChildRuns.snapshots(project, TABLE);
    Process second = ChildRuns.start(project);
    ChildRuns.awaitSnapshots(project, TABLE, afterFirstKill + 1);
    second.destroyForcibly().waitFor();
    long afterSecondKill = ChildRuns.snapshots(project, TABLE);

    assertThat(ChildRuns.start(project).waitFor()).isZero();
    assertThat(ChildRuns.start(project).waitFor()).isZero();

    String counts =
        query(
            "SELECT count(*) || ' ' || count(DISTINCT _source_file || '#' || _line) FROM bronze.cars");
    assertThat(counts).isEqualTo((FILES * READINGS_PER_FILE) + " " + (FILES * READINGS_PER_FILE));
    assertThat(ChildRuns.snapshots(project, TABLE)).isEqualTo(FILES / 4);
    // The kills really interrupted runs: neither killed run had finished all batches.
    assertThat(afterFirstKill).isLessThan(FILES / 4);
    assertThat(afterSecondKill).isLessThan(FILES / 4);
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
}
