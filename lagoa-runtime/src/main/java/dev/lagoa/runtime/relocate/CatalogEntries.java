package dev.lagoa.runtime.relocate;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the Iceberg JDBC catalog's {@code iceberg_tables}: where each table's current
 * metadata file is. Read directly, so a catalog whose files are elsewhere is noticed without
 * reading them.
 */
final class CatalogEntries {
  /** One table of the catalog and its current metadata file. */
  record Entry(String namespace, String name, String metadataLocation) {
    String qualifiedName() {
      return namespace + "." + name;
    }
  }

  private CatalogEntries() {}

  static List<Entry> read(CatalogConfig catalog) {
    List<Entry> entries = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(catalog.uri());
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT table_namespace, table_name, metadata_location FROM iceberg_tables"
                    + " WHERE catalog_name = ? ORDER BY table_namespace, table_name")) {
      select.setString(1, catalog.name());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          entries.add(new Entry(rows.getString(1), rows.getString(2), rows.getString(3)));
        }
      }
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot read the tables of catalog %s: %s", catalog.uri(), e.getMessage());
    }
    return entries;
  }

  static void update(CatalogConfig catalog, Entry entry, String newMetadataLocation) {
    try (Connection connection = DriverManager.getConnection(catalog.uri());
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE iceberg_tables SET metadata_location = ?, previous_metadata_location = NULL"
                    + " WHERE catalog_name = ? AND table_namespace = ? AND table_name = ?"
                    + " AND metadata_location = ?")) {
      update.setString(1, newMetadataLocation);
      update.setString(2, catalog.name());
      update.setString(3, entry.namespace());
      update.setString(4, entry.name());
      update.setString(5, entry.metadataLocation());
      if (update.executeUpdate() != 1) {
        throw LagoaException.external(
            null,
            "Cannot relocate table %s: its catalog entry changed while relocating",
            entry.qualifiedName());
      }
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot update table %s in %s: %s", entry.qualifiedName(), catalog.uri(), e);
    }
  }
}
