package dev.lagoa.runtime;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The catalog's JDBC database (SQLite by default, PostgreSQL when shared) as a {@link DataSource},
 * for what lives beside the Iceberg catalog: the run ledger and the scheduler's table. Credentials
 * are the catalog's ({@code jdbc.user}, {@code jdbc.password} properties). A connection per call:
 * its users hold one for a statement or two, and SQLite must not keep write locks open.
 */
public final class CatalogDatabase implements DataSource {
  private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 30_000;

  private final String uri;
  private final Properties properties = new Properties();

  public CatalogDatabase(CatalogConfig catalog) {
    this.uri = catalog.uri();
    for (Map.Entry<String, String> property : catalog.properties().entrySet()) {
      if (property.getKey().startsWith("jdbc.")) {
        properties.setProperty(property.getKey().substring("jdbc.".length()), property.getValue());
      }
    }
    if (isSqlite()) {
      properties.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
    }
  }

  public boolean isSqlite() {
    return uri.startsWith("jdbc:sqlite:");
  }

  public String uri() {
    return uri;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(uri, properties);
  }

  /** A connection, or an external error naming the database. */
  public Connection connect() {
    try {
      return getConnection();
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot connect to the catalog database %s: %s", uri, e.getMessage());
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Properties withUser = new Properties();
    withUser.putAll(properties);
    withUser.setProperty("user", username);
    withUser.setProperty("password", password);
    return DriverManager.getConnection(uri, withUser);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("Cannot unwrap " + getClass().getName() + " to " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }
}
