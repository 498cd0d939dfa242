package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.files.Directories;
import dev.lagoa.testing.data.MovieLensFiles;
import dev.lagoa.testing.data.MovieLensGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The movielens CDC source captured by real {@code lagoa run} processes killed with SIGKILL at
 * random moments while a writer keeps changing the source: after a final run the lake mirrors the
 * source row for row, and the change log holds every change exactly once.
 */
class KilledCdcTest {
  private static final Path EXAMPLE =
      Path.of("..", "examples", "movielens").toAbsolutePath().normalize();
  private static final String RATINGS_SOURCE =
      "SELECT \"userId\" || '|' || \"movieId\" || '|' || CAST(rating * 2 AS INT) || '|' ||"
          + " \"timestamp\" FROM movielens_database.ratings ORDER BY 1";
  private static final String RATINGS_LAKE =
      "SELECT userId || '|' || movieId || '|' || CAST(rating * 2 AS INT) || '|' || timestamp AS r"
          + " FROM movielens_raw.ratings ORDER BY 1";

  @TempDir Path workspace;

  @Test
  void killingStreamingRunsAtRandomMomentsNeitherLosesNorRepeatsAChange() throws Exception {
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10")
            .start()) {
      String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
      Path project = project(url);
      MovieLensFiles files =
          new MovieLensGenerator(5, new MovieLensGenerator.Sizes(40, 200, 3_000, 100))
              .writeTo(Files.createDirectories(project.resolve("landing/movielens")));
      assertThat(
              lagoa(
                  project,
                  "pg",
                  "load",
                  "movielens",
                  "--script",
                  project.resolve("postgres/schema.sql").toString(),
                  files.movies().toString(),
                  files.links().toString(),
                  files.ratings().toString(),
                  files.tags().toString()))
          .contains("3,000 rows copied");
      assertThat(lagoa(project, "run")).contains("snapshot of");

      SplittableRandom random = new SplittableRandom(42);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong changes = new AtomicLong();
      Thread writer = new Thread(() -> write(url, writing, changes), "source-writer");
      writer.start();
      int killedWhileRunning = 0;
      for (int kill = 0; kill < 3; kill++) {
        long before = ChildRuns.snapshots(project, "movielens_raw.ratings");
        Process run = ChildRuns.start(project);
        ChildRuns.awaitSnapshots(project, "movielens_raw.ratings", before + random.nextInt(1, 5));
        if (run.destroyForcibly().waitFor() != 0) {
          killedWhileRunning++;
        }
      }
      writing.set(false);
      writer.join();
      assertThat(ChildRuns.start(project).waitFor()).isZero();

      assertThat(killedWhileRunning).isPositive();
      assertThat(lakeRows(project)).isEqualTo(sourceRows(url)).hasSizeGreaterThan(3_000);
      assertThat(
              csv(
                  project,
                  "SELECT count(*) AS n FROM movielens_raw._changes"
                      + " WHERE _source_table = 'movielens_database.ratings'"))
          .isEqualTo("n\n" + changes.get() + "\n");
      assertThat(
              csv(
                  project,
                  "SELECT count(*) AS repeated FROM (SELECT _lsn, _tx_id, key, _op"
                      + " FROM movielens_raw._changes GROUP BY ALL HAVING count(*) > 1)"))
          .isEqualTo("repeated\n0\n");
    }
  }

  /** Updates, inserts and deletes on ratings in small transactions until told to stop. */
  private static void write(String url, AtomicBoolean writing, AtomicLong changes) {
    SplittableRandom random = new SplittableRandom(7);
    int nextUser = 10_000;
    List<Integer> inserted = new ArrayList<>();
    try (Connection connection = java.sql.DriverManager.getConnection(url + "?user=postgres");
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      while (writing.get()) {
        long changed = 0;
        for (int i = 0; i < 5; i++) {
          int kind = random.nextInt(10);
          if (kind < 5) {
            changed +=
                statement.executeUpdate(
                    "UPDATE movielens_database.ratings SET rating = "
                        + (random.nextInt(1, 11) / 2.0)
                        + " WHERE \"userId\" = "
                        + random.nextInt(1, 41));
          } else if (kind < 8 || inserted.isEmpty()) {
            int user = nextUser++;
            changed +=
                statement.executeUpdate(
                    "INSERT INTO movielens_database.ratings SELECT "
                        + user
                        + ", \"movieId\", 4.0, 1700000000 FROM movielens_database.movies LIMIT 3");
            inserted.add(user);
          } else {
            changed +=
                statement.executeUpdate(
                    "DELETE FROM movielens_database.ratings WHERE \"userId\" = "
                        + inserted.remove(random.nextInt(inserted.size())));
          }
        }
        connection.commit();
        changes.addAndGet(changed);
        // A steady trickle (at most 20 transactions a second), not as fast as the database goes: on
        // a busy machine an unthrottled writer outruns the killed runs and the final catch-up
        // faces a backlog of hundreds of thousands of changes.
        Thread.sleep(50);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> sourceRows(String url) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = java.sql.DriverManager.getConnection(url + "?user=postgres");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(RATINGS_SOURCE)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  private static List<String> lakeRows(Path project) {
    List<String> lines = new ArrayList<>(List.of(csv(project, RATINGS_LAKE).split("\n")));
    lines.remove(0);
    return lines;
  }

  /** A copy of the example on an external server, committing every 200 ms, without models. */
  private Path project(String url) throws IOException {
    Path project = workspace.resolve("movielens");
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path file : files.toList()) {
        Path copy = project.resolve(EXAMPLE.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    Directories.deleteRecursively(project.resolve("models"));
    Path config = project.resolve("lagoa.yaml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace("${MOVIELENS_PG_URL:-}", url)
            .replace("interval_ms: 1000", "interval_ms: 200"));
    return project;
  }

  private static String lagoa(Path project, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all =
        Stream.concat(Stream.of(args), Stream.of("--project", project.toString()))
            .toArray(String[]::new);
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  private static String csv(Path project, String sql) {
    return lagoa(project, "sql", "--format", "csv", "--max-rows", "100000", sql);
  }
}
