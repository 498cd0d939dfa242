package dev.lagoa.bench;

import dev.lagoa.cdc.CatchUpReport;
import dev.lagoa.cdc.CdcReplicator;
import dev.lagoa.cdc.CdcStream;
import dev.lagoa.cdc.postgres.PostgresServer;
import dev.lagoa.cdc.postgres.SourceCatalog;
import dev.lagoa.cdc.postgres.SourceLoader;
import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.CdcBatchOptions;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.core.files.Directories;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.testing.data.MovieLensFiles;
import dev.lagoa.testing.data.MovieLensGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * Change data capture: the initial snapshot of the 100,836-row ratings table (against a plain JDBC
 * read of the same table, the floor for any snapshot), then a sustained stream of changes (updates,
 * inserts, deletes in small transactions) with the latency from source commit to visible in the
 * lake, and a final row-by-row comparison of the lake table with the source.
 *
 * <p>{@code ./lagoa-bench/run cdc [seconds=60] [changes/s=2000]}
 */
final class CdcBenchmark {
  private static final int TRANSACTIONS_PER_SECOND = 100;

  private CdcBenchmark() {}

  static void run(Path data, Path home, String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    Path dir = data.resolve("cdc");
    Directories.deleteRecursively(dir);
    Files.createDirectories(dir.resolve("csv"));
    MovieLensFiles files = new MovieLensGenerator(2018).writeTo(dir.resolve("csv"));
    try (PostgresServer server = PostgresServer.startEmbedded(dir.resolve("pg"));
        Connection connection = server.endpoint().connect()) {
      SourceLoader loader = new SourceLoader(connection);
      loader.execute("CREATE SCHEMA movielens_database", "CREATE SCHEMA");
      loader.runScript(home.resolve("examples/movielens/postgres/schema.sql"));
      loader.copyCsv("movielens_database", files.movies());
      long rows = loader.copyCsv("movielens_database", files.ratings());
      try (Statement statement = connection.createStatement()) {
        statement.execute("VACUUM ANALYZE movielens_database.ratings");
      }

      long started = System.nanoTime();
      long read = plainRead(connection);
      double plainSeconds = (System.nanoTime() - started) / 1e9;

      PostgresCdcSourceConfig source =
          new PostgresCdcSourceConfig(
              "bench",
              server.endpoint().jdbcUrl(),
              "postgres",
              "",
              "movielens_database",
              List.of("ratings"),
              "lagoa_bench",
              "lagoa_bench",
              "movielens_raw",
              new CdcBatchOptions(
                  Integer.getInteger("cdc.interval.ms", 500),
                  Integer.getInteger("cdc.max.changes", 20_000)),
              Optional.empty(),
              Integer.getInteger("cdc.buckets", 8),
              PostgresCdcSourceConfig.WithoutPrimaryKey.REFUSE,
              dir.resolve("unused"));
      Path warehouse = dir.resolve("warehouse");
      Files.createDirectories(warehouse);
      List<Long> latencies = new ArrayList<>();
      try (LakeCatalog catalog =
          LakeCatalog.open(
              new CatalogConfig(
                  "lagoa",
                  "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                  warehouse.toString(),
                  Map.of()))) {
        CdcReplicator replicator =
            new CdcReplicator(
                catalog,
                source,
                server.endpoint(),
                Clock.systemUTC(),
                (committed, sourceMillis) -> {
                  synchronized (latencies) {
                    for (long millis : sourceMillis) {
                      latencies.add(committed - millis);
                    }
                  }
                });
        CatchUpReport snapshot = replicator.catchUp(Duration.ofMinutes(10));
        double snapshotSeconds = snapshot.took().toMillis() / 1000.0;
        System.out.printf(
            "Initial snapshot of movielens_database.ratings (%,d rows, embedded PostgreSQL 17):%n",
            rows);
        System.out.printf(
            "  plain JDBC read  %,10.0f rows/s (%.2f s)%n", read / plainSeconds, plainSeconds);
        System.out.printf(
            "  lagoa snapshot   %,10.0f rows/s (%.2f s, including engine start and commit)"
                + "  = %.2f x the plain read's time%n",
            rows / snapshotSeconds, snapshotSeconds, snapshotSeconds / plainSeconds);

        latencies.clear();
        long sent;
        try (CdcStream stream = replicator.stream()) {
          stream.start();
          long waitUntil = System.currentTimeMillis() + 60_000;
          while (!SourceCatalog.slot(connection, source.slot())
                  .map(SourceCatalog.SlotState::active)
                  .orElse(false)
              && System.currentTimeMillis() < waitUntil) {
            Thread.sleep(50);
          }
          sent = writeChanges(connection, seconds, rate);
          long deadline = System.currentTimeMillis() + 120_000;
          while (size(latencies) < sent && System.currentTimeMillis() < deadline) {
            stream.throwIfFailed();
            Thread.sleep(50);
          }
        }
        long[] sorted;
        synchronized (latencies) {
          sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        System.out.printf(
            "Streaming %,d changes/s for %d s (%d transactions/s): %,d changes sent, %,d committed"
                + " to the lake%n",
            rate, seconds, TRANSACTIONS_PER_SECOND, sent, sorted.length);
        System.out.printf(
            "  source commit -> visible in lake: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
            percentile(sorted, 0.50),
            percentile(sorted, 0.95),
            percentile(sorted, 0.99),
            sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        compare(connection, catalog);
      }
    }
  }

  private static int size(List<Long> latencies) {
    synchronized (latencies) {
      return latencies.size();
    }
  }

  private static long plainRead(Connection connection) throws Exception {
    connection.setAutoCommit(false);
    long count = 0;
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(10_000);
      try (ResultSet rows = statement.executeQuery("SELECT * FROM movielens_database.ratings")) {
        while (rows.next()) {
          rows.getInt(1);
          rows.getInt(2);
          rows.getDouble(3);
          rows.getLong(4);
          count++;
        }
      }
    }
    connection.commit();
    connection.setAutoCommit(true);
    return count;
  }

  /** Updates, inserts and deletes at {@code rate} changes/s in small transactions. */
  private static long writeChanges(Connection connection, int seconds, int rate) throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    int perTransaction = Math.max(1, rate / TRANSACTIONS_PER_SECOND);
    long intervalNanos = 1_000_000_000L / TRANSACTIONS_PER_SECOND;
    AtomicLong sent = new AtomicLong();
    int nextUser = 100_000;
    List<int[]> inserted = new ArrayList<>();
    connection.setAutoCommit(false);
    long start = System.nanoTime();
    long transactions = (long) seconds * TRANSACTIONS_PER_SECOND;
    try (Statement statement = connection.createStatement()) {
      for (long t = 0; t < transactions; t++) {
        long due = start + t * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        // One round trip per transaction: the statements of the transaction in one string.
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < perTransaction; i++) {
          int kind = random.nextInt(10);
          if (kind < 6) {
            sql.append("UPDATE movielens_database.ratings SET rating = ")
                .append(random.nextInt(1, 11) / 2.0)
                .append(" WHERE \"userId\" = ")
                .append(random.nextInt(1, 611))
                .append(
                    " AND \"movieId\" = (SELECT min(\"movieId\") FROM movielens_database.ratings")
                .append(" WHERE \"userId\" = ")
                .append(random.nextInt(1, 611))
                .append(");");
          } else if (kind < 8 || inserted.isEmpty()) {
            int user = nextUser++;
            sql.append("INSERT INTO movielens_database.ratings SELECT ")
                .append(user)
                .append(", \"movieId\", 3.5, 1700000000 FROM movielens_database.movies")
                .append(" ORDER BY \"movieId\" OFFSET ")
                .append(random.nextInt(0, 9000))
                .append(" LIMIT 1;");
            inserted.add(new int[] {user});
          } else {
            int[] row = inserted.remove(random.nextInt(inserted.size()));
            sql.append("DELETE FROM movielens_database.ratings WHERE \"userId\" = ")
                .append(row[0])
                .append(";");
          }
        }
        int changed = 0;
        boolean result = statement.execute(sql.toString());
        while (true) {
          if (!result) {
            int count = statement.getUpdateCount();
            if (count < 0) {
              break;
            }
            changed += count;
          }
          result = statement.getMoreResults();
        }
        connection.commit();
        sent.addAndGet(changed);
      }
    }
    connection.setAutoCommit(true);
    return sent.get();
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void compare(Connection connection, LakeCatalog catalog) throws Exception {
    List<String> source = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT \"userId\" || '|' || \"movieId\" || '|' || (rating * 2)::int || '|'"
                    + " || \"timestamp\" FROM movielens_database.ratings ORDER BY 1")) {
      while (rows.next()) {
        source.add(rows.getString(1));
      }
    }
    Table table = catalog.load("movielens_raw.ratings");
    String relation = TableViews.relation(table, table.currentSnapshot(), Expressions.alwaysTrue());
    List<String> lake;
    try (DuckEngine engine = DuckEngine.open()) {
      lake =
          engine.queryStrings(
              "SELECT userId || '|' || movieId || '|' || CAST(rating * 2 AS INT) || '|' ||"
                  + " timestamp FROM ("
                  + relation
                  + ") ORDER BY 1");
    }
    boolean equal = source.equals(lake);
    System.out.printf(
        "Final comparison: source %,d rows, lake %,d rows (read by DuckDB): %s%n",
        source.size(), lake.size(), equal ? "EQUAL row for row" : "DIFFERENT");
    if (!equal) {
      List<String> missing = new ArrayList<>(source);
      missing.removeAll(lake);
      List<String> extra = new ArrayList<>(lake);
      extra.removeAll(source);
      System.out.println(
          "  missing: "
              + missing.subList(0, Math.min(5, missing.size()))
              + " extra: "
              + extra.subList(0, Math.min(5, extra.size())));
    }
  }
}
