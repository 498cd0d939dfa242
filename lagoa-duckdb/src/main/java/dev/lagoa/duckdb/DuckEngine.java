package dev.lagoa.duckdb;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * An embedded, in-memory DuckDB database: Lagoa's query engine. It keeps no data of its own; tables
 * are Iceberg tables exposed as views over their Parquet files (see {@link TableViews}) and written
 * back through {@link TableWriter}.
 *
 * <p>Not thread-safe: one thread per engine, or {@link #duplicate()} for another thread.
 */
public final class DuckEngine implements AutoCloseable {
  private final DuckDBConnection connection;

  private DuckEngine(DuckDBConnection connection) {
    this.connection = connection;
  }

  /** Opens an in-memory engine; time is UTC and nothing is ever downloaded. */
  public static DuckEngine open() {
    try {
      Properties properties = new Properties();
      // Every extension beyond the built-in json, parquet and icu would be fetched from the
      // network:
      // refuse that, so a missing capability fails loudly instead of depending on connectivity.
      properties.setProperty("autoinstall_known_extensions", "false");
      properties.setProperty("autoload_known_extensions", "false");
      DuckDBConnection connection =
          (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TimeZone = 'UTC'");
        // Lagoa never relies on the order rows come out of a scan (it sorts when order matters),
        // and
        // keeping it costs DuckDB parallelism in large COPY and CREATE TABLE AS statements.
        statement.execute("SET preserve_insertion_order = false");
      }
      return new DuckEngine(connection);
    } catch (SQLException e) {
      throw LagoaException.internal(e, "Cannot start DuckDB: %s", e.getMessage());
    }
  }

  /** Another connection to the same database, for use by another thread. */
  public DuckEngine duplicate() {
    try {
      return new DuckEngine((DuckDBConnection) connection.duplicate());
    } catch (SQLException e) {
      throw LagoaException.internal(e, "Cannot open another DuckDB connection: %s", e.getMessage());
    }
  }

  public Connection connection() {
    return connection;
  }

  public void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw queryFailed(sql, e);
    }
  }

  /** Runs a query and hands its result set to {@code reader}, closing it afterwards. */
  public void query(String sql, Consumer<ResultSet> reader) {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      reader.accept(result);
    } catch (SQLException e) {
      throw queryFailed(sql, e);
    }
  }

  public long queryLong(String sql) {
    long[] value = new long[1];
    query(
        sql,
        result -> {
          try {
            result.next();
            value[0] = result.getLong(1);
          } catch (SQLException e) {
            throw queryFailed(sql, e);
          }
        });
    return value[0];
  }

  /** The first column of every row, as strings. */
  public List<String> queryStrings(String sql) {
    List<String> values = new ArrayList<>();
    query(
        sql,
        result -> {
          try {
            while (result.next()) {
              values.add(result.getString(1));
            }
          } catch (SQLException e) {
            throw queryFailed(sql, e);
          }
        });
    return values;
  }

  public void createSchema(String schema) {
    execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
  }

  static LagoaException queryFailed(String sql, SQLException e) {
    String statement = sql.length() > 500 ? sql.substring(0, 500) + "…" : sql;
    return LagoaException.userInput("Cannot run query: %s%n  query: %s", e.getMessage(), statement);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw LagoaException.internal(e, "Cannot close DuckDB: %s", e.getMessage());
    }
  }
}
