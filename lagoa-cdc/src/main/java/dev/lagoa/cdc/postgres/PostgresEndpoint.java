package dev.lagoa.cdc.postgres;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.LagoaException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where a PostgreSQL database is and how to log in to it. */
public record PostgresEndpoint(
    String host, int port, String database, String user, String password) {
  public PostgresEndpoint {
    requireNonNull(host, "host is null");
    requireNonNull(database, "database is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
  }

  /** Reads {@code jdbc:postgresql://host:port/database}. */
  public static PostgresEndpoint parse(String jdbcUrl, String user, String password) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (uri.getHost() == null || database.isEmpty()) {
      throw LagoaException.userInput(
          "Cannot use PostgreSQL URL %s: it must be jdbc:postgresql://host:port/database", jdbcUrl);
    }
    return new PostgresEndpoint(
        uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public Connection connect() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    try {
      return DriverManager.getConnection(jdbcUrl(), properties);
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot connect to PostgreSQL at %s as %s: %s", jdbcUrl(), user, e.getMessage());
    }
  }

  @Override
  public String toString() {
    return jdbcUrl() + " (user " + user + ")";
  }
}
