package dev.lagoa.cdc.postgres;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.core.config.PostgresCdcSourceConfig.WithoutPrimaryKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the source database holds: the captured tables, their keys, its replication slot. */
public final class SourceCatalog {
  private SourceCatalog() {}

  /**
   * The tables a source captures, checked: each exists, and each has a primary key unless the
   * source captures key-less tables append-only.
   */
  public static List<SourceTable> capturedTables(
      Connection connection, PostgresCdcSourceConfig source) {
    try {
      List<String> names = source.tables();
      if (names.isEmpty()) {
        names = tablesOf(connection, source.schema());
        if (names.isEmpty()) {
          throw LagoaException.userInput(
              "Cannot capture source %s: schema %s of %s has no tables",
              source.name(), source.schema(), connection.getMetaData().getURL());
        }
      }
      List<SourceTable> tables = new ArrayList<>();
      for (String name : names) {
        if (!tablesOf(connection, source.schema()).contains(name)) {
          throw LagoaException.userInput(
              "Cannot capture table %s.%s of source %s: it does not exist in %s",
              source.schema(), name, source.name(), connection.getMetaData().getURL());
        }
        List<String> key = primaryKey(connection, source.schema(), name);
        if (key.isEmpty() && source.withoutPrimaryKey() == WithoutPrimaryKey.REFUSE) {
          throw LagoaException.userInput(
              "Cannot capture table %s.%s of source %s: it has no primary key, so updates and"
                  + " deletes cannot be matched to rows; add one, or set sources.%s"
                  + ".without_primary_key: append-only to capture its changes as new rows",
              source.schema(), name, source.name(), source.name());
        }
        tables.add(new SourceTable(source.schema(), name, key));
      }
      return tables;
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot read the tables of source %s: %s", source.name(), e.getMessage());
    }
  }

  private static List<String> tablesOf(Connection connection, String schema) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
      statement.setString(1, schema);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  private static List<String> primaryKey(Connection connection, String schema, String table)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass"
                + " AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    return columns;
  }

  /** The replication slot called {@code name}, if the server has it. */
  public static Optional<SlotState> slot(Connection connection, String name) {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT active, confirmed_flush_lsn::text, pg_current_wal_lsn()::text,"
                + " pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
                + " FROM pg_replication_slots WHERE slot_name = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new SlotState(
                name,
                rows.getBoolean(1),
                rows.getString(2) == null ? "" : rows.getString(2),
                rows.getString(3),
                rows.getLong(4)));
      }
    } catch (SQLException e) {
      throw LagoaException.external(e, "Cannot read replication slot %s: %s", name, e.getMessage());
    }
  }

  /** The server's current WAL position. */
  public static String currentLsn(Connection connection) {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT pg_current_wal_lsn()::text");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw LagoaException.external(e, "Cannot read the server's WAL position: %s", e.getMessage());
    }
  }

  /** A replication slot as the server reports it. */
  public record SlotState(
      String name, boolean active, String confirmedLsn, String currentLsn, long lagBytes) {}
}
