package dev.lagoa.iceberg;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.iceberg.commit.TableReplacement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The project's Iceberg catalog: a JDBC catalog (SQLite file by default, PostgreSQL when shared)
 * over a warehouse location. Table names are {@code namespace.name}.
 */
public final class LakeCatalog implements AutoCloseable {
  /** Concurrent writers (scheduler, CLI, API) retry commits instead of failing on a lost race. */
  private static final String COMMIT_RETRIES = "20";

  /** Old metadata files kept for time travel by metadata location and for debugging. */
  static final int PREVIOUS_METADATA_VERSIONS = 10;

  private final JdbcCatalog catalog;
  private final CatalogConfig config;

  private LakeCatalog(JdbcCatalog catalog, CatalogConfig config) {
    this.catalog = catalog;
    this.config = config;
  }

  public static LakeCatalog open(CatalogConfig config) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, config.uri());
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, config.warehouse());
    properties.put("jdbc.schema-version", "V1");
    if (!config.warehouse().contains("://")) {
      properties.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
      createLocalDirectories(config);
    }
    // An s3:// warehouse: S3FileIO with the project's endpoint, region and credentials.
    properties.putAll(config.icebergProperties());
    JdbcCatalog catalog = new JdbcCatalog();
    try {
      catalog.initialize(config.name(), properties);
    } catch (RuntimeException e) {
      throw LagoaException.external(
          e, "Cannot open catalog %s at %s: %s", config.name(), config.uri(), e.getMessage());
    }
    return new LakeCatalog(catalog, config);
  }

  private static void createLocalDirectories(CatalogConfig config) {
    try {
      Files.createDirectories(Path.of(config.warehouse()));
      if (config.uri().startsWith("jdbc:sqlite:")) {
        Path database = Path.of(config.uri().substring("jdbc:sqlite:".length()));
        if (database.getParent() != null) {
          Files.createDirectories(database.getParent());
        }
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot create warehouse %s: %s", config.warehouse(), e.getMessage());
    }
  }

  public CatalogConfig config() {
    return config;
  }

  public static TableIdentifier identifier(String qualifiedName) {
    String[] parts = qualifiedName.split("\\.");
    if (parts.length < 2) {
      throw LagoaException.userInput(
          "Cannot use table name '%s': it must be namespace.name, e.g. bronze.%s",
          qualifiedName, qualifiedName);
    }
    return TableIdentifier.parse(qualifiedName);
  }

  public Optional<Table> find(String qualifiedName) {
    try {
      return Optional.of(catalog.loadTable(identifier(qualifiedName)));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
  }

  /** Loads a table by {@code namespace.name}, or by bare name when exactly one namespace has it. */
  public Table load(String name) {
    if (name.contains(".")) {
      return find(name)
          .orElseThrow(
              () -> LagoaException.userInput("Cannot find table %s: %s", name, knownTables()));
    }
    List<TableIdentifier> matches = tables().stream().filter(id -> id.name().equals(name)).toList();
    if (matches.size() == 1) {
      return catalog.loadTable(matches.get(0));
    }
    if (matches.isEmpty()) {
      throw LagoaException.userInput("Cannot find table %s: %s", name, knownTables());
    }
    throw LagoaException.userInput(
        "Cannot find table %s: the name is ambiguous, use one of %s", name, matches);
  }

  private String knownTables() {
    List<TableIdentifier> tables = tables();
    return tables.isEmpty() ? "the catalog has no tables yet" : "known tables are " + tables;
  }

  /**
   * Creates a table, or returns the existing one when another writer created it first. Columns that
   * feed identity partitions keep full-length statistics, because Lagoa derives each data file's
   * partition from them.
   */
  public Table create(String qualifiedName, Schema schema, PartitionSpec spec) {
    TableIdentifier id = identifier(qualifiedName);
    createNamespaceIfMissing(id);
    try {
      return catalog
          .buildTable(id, schema)
          .withPartitionSpec(spec)
          .withProperties(tableProperties(schema, spec))
          .create();
    } catch (AlreadyExistsException e) {
      return catalog.loadTable(id);
    }
  }

  /**
   * Starts replacing a table's columns, partitioning and rows at once, creating the table if it
   * does not exist (see {@link TableReplacement}).
   *
   * @param base the table's current snapshot the caller planned from ({@code null}: none)
   */
  public TableReplacement startReplacement(
      String qualifiedName, Schema schema, PartitionSpec spec, Snapshot base) {
    TableIdentifier id = identifier(qualifiedName);
    createNamespaceIfMissing(id);
    Transaction transaction =
        catalog
            .buildTable(id, schema)
            .withPartitionSpec(spec)
            .withProperties(tableProperties(schema, spec))
            .createOrReplaceTransaction();
    return new TableReplacement(
        transaction,
        qualifiedName,
        base,
        () -> find(qualifiedName).map(Table::currentSnapshot).orElse(null));
  }

  private void createNamespaceIfMissing(TableIdentifier id) {
    if (!catalog.namespaceExists(id.namespace())) {
      try {
        catalog.createNamespace(id.namespace());
      } catch (AlreadyExistsException e) {
        // Created concurrently by another writer: fine.
      }
    }
  }

  /**
   * Properties every Lagoa table has, whatever its columns: commit retries, and metadata that does
   * not grow without bound (Iceberg rewrites the table's metadata file on every commit; old ones
   * beyond the last {@value #PREVIOUS_METADATA_VERSIONS} are deleted as commits go).
   */
  public static Map<String, String> standardProperties() {
    return Map.of(
        TableProperties.COMMIT_NUM_RETRIES,
        COMMIT_RETRIES,
        TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED,
        "true",
        TableProperties.METADATA_PREVIOUS_VERSIONS_MAX,
        Integer.toString(PREVIOUS_METADATA_VERSIONS));
  }

  private static Map<String, String> tableProperties(Schema schema, PartitionSpec spec) {
    Map<String, String> properties = new HashMap<>(standardProperties());
    properties.put(TableProperties.FORMAT_VERSION, "2");
    properties.put(TableProperties.PARQUET_COMPRESSION, "zstd");
    // Readers learn which columns a data file holds from its statistics; keep them for wide tables
    // too.
    properties.put(TableProperties.METRICS_MAX_INFERRED_COLUMN_DEFAULTS, "1000");
    spec.fields().stream()
        .filter(field -> field.transform().isIdentity())
        .forEach(
            field ->
                properties.put(
                    TableProperties.METRICS_MODE_COLUMN_CONF_PREFIX
                        + schema.findColumnName(field.sourceId()),
                    "full"));
    return properties;
  }

  public List<TableIdentifier> tables() {
    List<TableIdentifier> result = new ArrayList<>();
    for (Namespace namespace : catalog.listNamespaces()) {
      result.addAll(catalog.listTables(namespace));
    }
    result.sort(Comparator.comparing(TableIdentifier::toString));
    return result;
  }

  /** Drops a table from the catalog, keeping its files. */
  public boolean dropTable(String qualifiedName) {
    return catalog.dropTable(identifier(qualifiedName), false);
  }

  /** Drops a table and deletes its data and metadata files. */
  public boolean purgeTable(String qualifiedName) {
    return catalog.dropTable(identifier(qualifiedName), true);
  }

  @Override
  public void close() {
    catalog.close();
  }
}
