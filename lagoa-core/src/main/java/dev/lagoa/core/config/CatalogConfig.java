package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
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
 * @param s3 how to reach an {@code s3://} warehouse (unused for a local one)
 */
public record CatalogConfig(
    String name, String uri, String warehouse, Map<String, String> properties, S3Settings s3) {
  public CatalogConfig {
    requireNonNull(name, "name is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(warehouse, "warehouse is null");
    properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    requireNonNull(s3, "s3 is null");
  }

  /** A catalog whose object-store access, if any, is the AWS SDK's defaults. */
  public CatalogConfig(String name, String uri, String warehouse, Map<String, String> properties) {
    this(name, uri, warehouse, properties, S3Settings.DEFAULTS);
  }

  /** Whether table data lives in object storage ({@code s3://bucket/path}). */
  public boolean objectStorage() {
    return S3Settings.isS3(warehouse);
  }

  /**
   * The Iceberg properties both Lagoa's catalog and the Spark job's add to uri and warehouse: the
   * S3 file IO for an {@code s3://} warehouse, then {@code properties} (which win).
   */
  public Map<String, String> icebergProperties() {
    Map<String, String> result = new LinkedHashMap<>();
    if (objectStorage()) {
      result.putAll(s3.icebergProperties());
    }
    result.putAll(properties);
    return result;
  }
}
