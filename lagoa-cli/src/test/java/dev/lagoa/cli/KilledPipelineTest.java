package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The car-telemetry pipeline (landing → bronze → silver → gold) killed with SIGKILL while loading
 * and while building models, then re-run, holds exactly what an uninterrupted run holds.
 */
class KilledPipelineTest {
  private static final Path EXAMPLE =
      Path.of("..", "examples", "car-telemetry").toAbsolutePath().normalize();
  private static final String SILVER =
      "SELECT carChassis, event_date, currentMileage, Manufacturer, color, km_per_liter"
          + " FROM silver.car_readings ORDER BY ALL";
  private static final String GOLD = "SELECT * FROM gold.car_latest_state ORDER BY ALL";

  @TempDir Path workspace;

  @Test
  void killingTheRunWhileLoadingAndWhileBuildingThenRerunningGivesTheRowsOfAnUninterruptedRun()
      throws Exception {
    Path reference = project("reference");
    Path killed = project("killed");
    assertThat(ChildRuns.start(reference).waitFor()).isZero();

    Process loading = ChildRuns.start(killed);
    ChildRuns.awaitSnapshots(killed, "bronze.car_readings", 2);
    // Both processes were still running when killed: a finished one would have exited with 0.
    assertThat(loading.destroyForcibly().waitFor()).isNotZero();
    assertThat(ChildRuns.snapshots(killed, "bronze.car_readings")).isLessThan(30);
    Process building = ChildRuns.start(killed);
    ChildRuns.awaitSnapshots(killed, "silver.car_readings", 1);
    assertThat(building.destroyForcibly().waitFor()).isNotZero();
    assertThat(ChildRuns.start(killed).waitFor()).isZero();
    assertThat(ChildRuns.start(killed).waitFor()).isZero();

    assertThat(query(killed, SILVER)).isEqualTo(query(reference, SILVER)).hasSizeGreaterThan(100);
    assertThat(query(killed, GOLD)).isEqualTo(query(reference, GOLD));
    assertThat(query(killed, "SELECT count(*) FROM bronze.car_readings"))
        .isEqualTo(query(reference, "SELECT count(*) FROM bronze.car_readings"));
  }

  /** A copy of the example whose loader commits every 100 files, over the same 3,000 readings. */
  private Path project(String name) throws IOException {
    Path project = workspace.resolve(name);
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path file : files.toList()) {
        Path copy = project.resolve(EXAMPLE.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else if (!file.getFileName().toString().equals("README.md")) {
          Files.copy(file, copy);
        }
      }
    }
    Path config = project.resolve("lagoa.yaml");
    Files.writeString(
        config,
        Files.readString(config).replace("format: json ", "batch_files: 100\n    format: json "));
    new CarTelemetryGenerator(17, 20, 5)
        .writeOnePerFile(Files.createDirectories(project.resolve("landing/cars")), 3_000);
    return project;
  }

  private static List<String> query(Path project, String sql) {
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
            new PrintWriter(System.err, true));
    assertThat(exit).isZero();
    return out.toString().lines().toList();
  }
}
