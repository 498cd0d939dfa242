package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Where tables live. The embedded default is a SQLite catalog and a local warehouse directory
 * inside the project; a shared PostgreSQL catalog or an {@code s3://} warehouse needs only other
 * values here.
 *
 * @param uri the JDBC URI of the Iceberg catalog database
 * @param warehouse the root location of table data: a local path or a URI
 * @param name the catalog's name; engines that share the catalog must use the same one
 * @param properties extra Iceberg catalog properties (credentials, file IO settings)
 */
public record CatalogConfig(
    String name, String uri, String warehouse, Map<String, String> properties) {
  public CatalogConfig {
    requireNonNull(name, "name is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(warehouse, "warehouse is null");
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
  }
}
