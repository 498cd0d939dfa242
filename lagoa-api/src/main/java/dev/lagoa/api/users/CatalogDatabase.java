package dev.lagoa.api.users;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection to the project's catalog database (SQLite file or PostgreSQL), where the API keeps
 * its users and revoked tokens next to Iceberg's tables, so they move with the catalog.
 */
public final class CatalogDatabase implements AutoCloseable {
  private final Connection connection;
  private final String uri;

  private CatalogDatabase(Connection connection, String uri) {
    this.connection = connection;
    this.uri = uri;
  }

  public static CatalogDatabase open(CatalogConfig catalog) {
    try {
      if (catalog.uri().startsWith("jdbc:sqlite:") && !catalog.uri().contains(":memory:")) {
        Path file = Path.of(catalog.uri().substring("jdbc:sqlite:".length()));
        if (file.getParent() != null) {
          Files.createDirectories(file.getParent());
        }
      }
      Connection connection = DriverManager.getConnection(catalog.uri());
      if (catalog.uri().startsWith("jdbc:sqlite:")) {
        try (Statement statement = connection.createStatement()) {
          // Iceberg's catalog and the CLI write the same file: wait for their locks.
          statement.execute("PRAGMA busy_timeout = 10000");
        }
      }
      return new CatalogDatabase(connection, catalog.uri());
    } catch (SQLException | IOException e) {
      throw LagoaException.external(
          e, "Cannot open catalog database %s: %s", catalog.uri(), e.getMessage());
    }
  }

  /** The connection; callers synchronize on this object while they use it. */
  public Connection connection() {
    return connection;
  }

  public String uri() {
    return uri;
  }

  public void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw failed("prepare", e);
    }
  }

  public LagoaException failed(String action, SQLException e) {
    return LagoaException.external(
        e, "Cannot %s in catalog database %s: %s", action, uri, e.getMessage());
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failed("close the connection", e);
    }
  }
}
