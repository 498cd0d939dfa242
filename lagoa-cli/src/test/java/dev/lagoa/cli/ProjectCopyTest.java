package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project folder copied with {@code cp -a} or moved: refused until relocated, then its own. */
class ProjectCopyTest {
  @TempDir Path root;
  private Path original;

  private record Result(int exit, String out, String err) {}

  @BeforeEach
  void createAndRunTheOriginal() throws Exception {
    original = Files.createDirectories(root.resolve("original"));
    Path landing = Files.createDirectories(original.resolve("landing"));
    Files.writeString(
        original.resolve("lagoa.yaml"),
        """
        name: sensors
        sources:
          readings:
            type: files
            path: landing
            table: bronze.readings
        """);
    Path models = Files.createDirectories(original.resolve("models"));
    Files.writeString(
        models.resolve("sensor_means.sql"),
        """
        /* lagoa:
        materialized: table
        */
        SELECT sensor, avg(celsius) AS mean_celsius FROM {{ source('bronze', 'readings') }}
        GROUP BY sensor
        """);
    Files.writeString(
        landing.resolve("readings_1.jsonl"),
        "{\"sensor\": \"s1\", \"celsius\": 20.0}\n{\"sensor\": \"s2\", \"celsius\": 30.0}\n");
    assertThat(lagoa(original, "run").exit()).isZero();
    Files.writeString(
        landing.resolve("readings_2.jsonl"), "{\"sensor\": \"s1\", \"celsius\": 22.0}\n");
    assertThat(lagoa(original, "run").exit()).isZero();
  }

  private static Result lagoa(Path project, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withProject = new String[args.length + 2];
    System.arraycopy(args, 0, withProject, 0, args.length);
    withProject[args.length] = "--project";
    withProject[args.length + 1] = project.toString();
    int exit = Main.execute(withProject, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(
          path -> {
            try {
              // As cp -a does: landed files keep their modification times, which the loader's
              // ledger compares.
              Files.copy(
                  path,
                  to.resolve(from.relativize(path).toString()),
                  StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  /** Every file under {@code directory} with its size and modification time. */
  private static Map<String, String> listing(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        FileTime modified = Files.getLastModifiedTime(path);
        files.put(directory.relativize(path).toString(), Files.size(path) + "@" + modified);
      }
    }
    return files;
  }

  @Test
  void aCopiedProjectIsRefusedWithTheTwoWarehousesAndTheWayOut() throws Exception {
    Path copy = root.resolve("copy");
    copy(original, copy);

    Result tables = lagoa(copy, "tables");

    assertThat(tables.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(tables.err())
        .contains("Cannot open project " + copy)
        .contains("lives in " + original.resolve("warehouse"))
        .contains("not in this project's warehouse " + copy.resolve("warehouse"))
        .contains("Run `lagoa relocate -p " + copy + "`");
  }

  @Test
  void aRelocatedCopyReadsItsOwnFilesKeepsItsHistoryAndLeavesTheOriginalAlone() throws Exception {
    Path copy = root.resolve("copy");
    copy(original, copy);
    Map<String, String> originalBefore = listing(original);

    Result relocate = lagoa(copy, "relocate");
    Files.writeString(
        copy.resolve("landing/readings_3.jsonl"), "{\"sensor\": \"s2\", \"celsius\": 40.0}\n");
    Result run = lagoa(copy, "run");

    assertThat(relocate.exit()).as(relocate.err()).isZero();
    assertThat(relocate.out())
        .contains(
            "relocated bronze.readings: "
                + original.resolve("warehouse")
                + " -> "
                + copy.resolve("warehouse"));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("1 new file(s), 1 rows loaded")
        .contains("2 file(s) already loaded");
    assertThat(listing(original)).isEqualTo(originalBefore);
    deleteRecursively(original);
    assertThat(lagoa(copy, "sql", "--format", "csv", "SELECT count(*) AS n FROM readings").out())
        .isEqualTo("n\n4\n");
    assertThat(
            lagoa(
                    copy,
                    "sql",
                    "--format",
                    "csv",
                    "SELECT sensor, mean_celsius FROM sensor_means ORDER BY sensor")
                .out())
        .isEqualTo("sensor,mean_celsius\ns1,21.0\ns2,35.0\n");
    String history = lagoa(copy, "history", "bronze.readings").out();
    String firstSnapshot = history.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    assertThat(
            lagoa(
                    copy,
                    "sql",
                    "--format",
                    "csv",
                    "--as-of",
                    firstSnapshot,
                    "SELECT count(*) AS n FROM readings")
                .out())
        .isEqualTo("n\n2\n");
    assertThat(lagoa(copy, "relocate").out()).contains("Nothing to relocate");
  }

  @Test
  void aMovedProjectIsRelocatedFromTheFilesItCarried() throws Exception {
    Path moved = root.resolve("moved");
    Files.move(original, moved);

    assertThat(lagoa(moved, "tables").exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(lagoa(moved, "relocate").exit()).isZero();
    assertThat(lagoa(moved, "sql", "--format", "csv", "SELECT count(*) AS n FROM readings").out())
        .isEqualTo("n\n3\n");
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
