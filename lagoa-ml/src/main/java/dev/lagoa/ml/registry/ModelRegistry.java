package dev.lagoa.ml.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * The model registry: two tables in the catalog database, beside Iceberg's own ({@code
 * lagoa_ml_versions}: every version with its manifest; {@code lagoa_ml_served}: which version each
 * model serves). Keeping it in the catalog database means one backup, one place to share (SQLite on
 * a laptop, PostgreSQL for a team), and numbering and promotion in one transaction, which a folder
 * of JSON files on object storage cannot give.
 */
public final class ModelRegistry {
  public static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final CatalogConfig catalog;

  public ModelRegistry(CatalogConfig catalog) {
    this.catalog = catalog;
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS lagoa_ml_versions ("
              + "catalog_name VARCHAR(255) NOT NULL, model_name VARCHAR(255) NOT NULL, "
              + "version INTEGER NOT NULL, created_at VARCHAR(64) NOT NULL, "
              + "snapshot_id BIGINT NOT NULL, manifest TEXT NOT NULL, "
              + "PRIMARY KEY (catalog_name, model_name, version))");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS lagoa_ml_served ("
              + "catalog_name VARCHAR(255) NOT NULL, model_name VARCHAR(255) NOT NULL, "
              + "version INTEGER NOT NULL, promoted_at VARCHAR(64) NOT NULL, "
              + "PRIMARY KEY (catalog_name, model_name))");
    } catch (SQLException e) {
      throw failed(e, "create the model registry tables");
    }
  }

  /** The number the next version of {@code model} gets. */
  public int nextVersion(String model) {
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT max(version) FROM lagoa_ml_versions WHERE catalog_name = ? AND model_name = ?")) {
      statement.setString(1, catalog.name());
      statement.setString(2, model);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getInt(1) + 1;
      }
    } catch (SQLException e) {
      throw failed(e, "number the next version of " + model);
    }
  }

  /**
   * Records {@code version} and, when its promotion says so, makes it the served version — both in
   * one transaction.
   *
   * @return false when another trainer registered that version number first
   */
  public boolean register(ModelVersion version) {
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try {
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO lagoa_ml_versions (catalog_name, model_name, version, created_at, "
                    + "snapshot_id, manifest) VALUES (?, ?, ?, ?, ?, ?)")) {
          insert.setString(1, catalog.name());
          insert.setString(2, version.model());
          insert.setInt(3, version.version());
          insert.setString(4, version.createdAt());
          insert.setLong(5, version.training().snapshotId());
          insert.setString(6, JSON.writeValueAsString(version));
          insert.executeUpdate();
        } catch (SQLException e) {
          connection.rollback();
          if (isDuplicate(connection, version)) {
            return false;
          }
          throw e;
        }
        if (version.promotion().served()) {
          serve(connection, version.model(), version.version(), version.createdAt());
        }
        connection.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failed(e, "register version " + version.version() + " of " + version.model());
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(e, "Cannot write the manifest of %s: %s", version.model(), e);
    }
  }

  private boolean isDuplicate(Connection connection, ModelVersion version) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT count(*) FROM lagoa_ml_versions WHERE catalog_name = ? AND model_name = ? AND version = ?")) {
      statement.setString(1, catalog.name());
      statement.setString(2, version.model());
      statement.setInt(3, version.version());
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1) > 0;
      }
    }
  }

  private void serve(Connection connection, String model, int version, String at)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE lagoa_ml_served SET version = ?, promoted_at = ? WHERE catalog_name = ? AND model_name = ?")) {
      update.setInt(1, version);
      update.setString(2, at);
      update.setString(3, catalog.name());
      update.setString(4, model);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO lagoa_ml_served (catalog_name, model_name, version, promoted_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, catalog.name());
      insert.setString(2, model);
      insert.setInt(3, version);
      insert.setString(4, at);
      insert.executeUpdate();
    }
  }

  /** The version {@code model} serves, if it has one. */
  public OptionalInt servedVersion(String model) {
    try (Connection connection = connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT version FROM lagoa_ml_served WHERE catalog_name = ? AND model_name = ?")) {
      statement.setString(1, catalog.name());
      statement.setString(2, model);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? OptionalInt.of(result.getInt(1)) : OptionalInt.empty();
      }
    } catch (SQLException e) {
      throw failed(e, "read the served version of " + model);
    }
  }

  /** Every version of {@code model}, oldest first. */
  public List<ModelVersion> versions(String model) {
    return read(
        "SELECT manifest FROM lagoa_ml_versions WHERE catalog_name = ? AND model_name = ? ORDER BY version",
        model);
  }

  public Optional<ModelVersion> version(String model, int version) {
    return versions(model).stream().filter(v -> v.version() == version).findFirst();
  }

  /** Per registered model, its latest version; models in name order. */
  public Map<String, ModelVersion> latest() {
    Map<String, ModelVersion> result = new LinkedHashMap<>();
    for (ModelVersion version :
        read(
            "SELECT manifest FROM lagoa_ml_versions WHERE catalog_name = ? ORDER BY model_name, version",
            null)) {
      result.put(version.model(), version);
    }
    return result;
  }

  private List<ModelVersion> read(String sql, String model) {
    List<ModelVersion> versions = new ArrayList<>();
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, catalog.name());
      if (model != null) {
        statement.setString(2, model);
      }
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          versions.add(JSON.readValue(result.getString(1), ModelVersion.class));
        }
      }
    } catch (SQLException e) {
      throw failed(e, "read the model registry");
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(e, "Cannot read a model manifest: %s", e.getMessage());
    }
    return versions;
  }

  private Connection connect() throws SQLException {
    // The catalog's JDBC settings (user, password, ...) are its "jdbc."-prefixed properties, as for
    // Iceberg's JdbcCatalog.
    Properties properties = new Properties();
    catalog.properties().entrySet().stream()
        .filter(e -> e.getKey().startsWith("jdbc."))
        .forEach(e -> properties.put(e.getKey().substring("jdbc.".length()), e.getValue()));
    return DriverManager.getConnection(catalog.uri(), properties);
  }

  private LagoaException failed(SQLException e, String action) {
    return LagoaException.external(
        e, "Cannot %s in catalog database %s: %s", action, catalog.uri(), e.getMessage());
  }
}
