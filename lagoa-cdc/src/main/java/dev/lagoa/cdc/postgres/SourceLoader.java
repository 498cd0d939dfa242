package dev.lagoa.cdc.postgres;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * Loads a source database the way the original pipeline did: runs a SQL script (the tables and
 * their keys) and bulk-loads CSV files with {@code COPY}, each file into the table named like it.
 */
public final class SourceLoader {
  private final Connection connection;

  public SourceLoader(Connection connection) {
    this.connection = connection;
  }

  /** Runs every statement of {@code script} in one transaction. */
  public void runScript(Path script) {
    String sql;
    try {
      sql = Files.readString(script);
    } catch (IOException e) {
      throw LagoaException.userInput("Cannot read SQL script %s: %s", script, e.getMessage());
    }
    execute(sql, "script " + script);
  }

  /** Runs SQL statements (several separated by {@code ;} are fine) in one transaction. */
  public int execute(String sql, String what) {
    try (Statement statement = connection.createStatement()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        statement.execute(sql);
        int count = Math.max(statement.getUpdateCount(), 0);
        connection.commit();
        return count;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw LagoaException.userInput("Cannot run %s: %s", what, e.getMessage());
    }
  }

  /**
   * Copies a CSV file with a header line into {@code schema.<file name without .csv>}, the header
   * naming the columns; returns the rows copied.
   */
  public long copyCsv(String schema, Path csv) {
    String file = csv.getFileName().toString();
    String table = file.endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
    String header;
    try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
      header = lines.findFirst().orElse("");
    } catch (IOException e) {
      throw LagoaException.userInput("Cannot read %s: %s", csv, e.getMessage());
    }
    StringBuilder columns = new StringBuilder();
    for (String column : header.split(",")) {
      if (!columns.isEmpty()) {
        columns.append(", ");
      }
      columns.append('"').append(column.trim().replace("\"", "")).append('"');
    }
    String copy =
        "COPY \"%s\".\"%s\" (%s) FROM STDIN WITH (FORMAT csv, HEADER true)"
            .formatted(schema, table, columns);
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, reader);
    } catch (SQLException | IOException e) {
      throw LagoaException.userInput(
          "Cannot copy %s into %s.%s: %s", csv, schema, table, e.getMessage());
    }
  }
}
