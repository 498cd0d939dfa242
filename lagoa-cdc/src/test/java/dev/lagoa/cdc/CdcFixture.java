package dev.lagoa.cdc;

import dev.lagoa.cdc.postgres.PostgresEndpoint;
import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.CdcBatchOptions;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/** A real PostgreSQL with logical decoding (one per test class) and helpers to compare tables. */
final class CdcFixture implements AutoCloseable {
  private static final AtomicInteger SOURCES = new AtomicInteger();
  private final EmbeddedPostgres postgres;

  CdcFixture() throws IOException {
    postgres =
        EmbeddedPostgres.builder()
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "20")
            .setServerConfig("max_wal_senders", "20")
            .start();
  }

  PostgresEndpoint endpoint() {
    return new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", "postgres", "");
  }

  Connection connect() {
    return endpoint().connect();
  }

  void execute(String... statements) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh schema and a source capturing it, with its own slot and publication. */
  PostgresCdcSourceConfig newSource(List<String> tables, Optional<String> changeLog) {
    int n = SOURCES.incrementAndGet();
    String schema = "src" + n;
    execute("CREATE SCHEMA " + schema);
    return new PostgresCdcSourceConfig(
        "s" + n,
        endpoint().jdbcUrl(),
        "postgres",
        "",
        schema,
        tables,
        "slot_s" + n,
        "pub_s" + n,
        "raw" + n,
        new CdcBatchOptions(200, 5_000),
        changeLog.map(name -> "raw" + n + "." + name),
        4,
        PostgresCdcSourceConfig.WithoutPrimaryKey.REFUSE,
        Path.of("unused"));
  }

  static LakeCatalog catalog(Path warehouse) {
    return LakeCatalog.open(
        new CatalogConfig(
            "lagoa",
            "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
            warehouse.toString(),
            Map.of()));
  }

  /** Rows of a source table as text, ordered by {@code orderBy}. */
  List<String> sourceRows(String table, String columns, String orderBy) {
    String sql =
        "SELECT concat_ws('|', "
            + textColumns(columns, "::text")
            + ") FROM "
            + table
            + " ORDER BY "
            + orderBy;
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> result = new ArrayList<>();
      while (rows.next()) {
        result.add(rows.getString(1));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of a lake table read through DuckDB (data files only), as text. */
  static List<String> lakeRows(LakeCatalog catalog, String table, String columns, String orderBy) {
    Table lake = catalog.load(table);
    lake.refresh();
    String relation = TableViews.relation(lake, lake.currentSnapshot(), Expressions.alwaysTrue());
    try (DuckEngine engine = DuckEngine.open()) {
      return engine.queryStrings(
          "SELECT concat_ws('|', "
              + textColumns(columns, "::VARCHAR")
              + ") FROM ("
              + relation
              + ") ORDER BY "
              + orderBy);
    }
  }

  private static String textColumns(String columns, String cast) {
    List<String> parts = new ArrayList<>();
    for (String column : columns.split(",")) {
      parts.add("coalesce((" + column.trim() + ")" + cast + ", '∅')");
    }
    return String.join(", ", parts);
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
