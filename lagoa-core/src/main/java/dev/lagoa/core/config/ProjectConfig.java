package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/** A Lagoa project: the contents of its {@code lagoa.yaml}, validated, with paths made absolute. */
public record ProjectConfig(
    String name,
    Path directory,
    CatalogConfig catalog,
    Map<String, SourceConfig> sources,
    MaintenanceConfig maintenance) {
  public static final String FILE_NAME = "lagoa.yaml";

  /** A project without a {@code maintenance:} section. */
  public ProjectConfig(
      String name, Path directory, CatalogConfig catalog, Map<String, SourceConfig> sources) {
    this(name, directory, catalog, sources, MaintenanceConfig.DEFAULT);
  }

  public ProjectConfig {
    requireNonNull(name, "name is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(catalog, "catalog is null");
    requireNonNull(maintenance, "maintenance is null");
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
  }
}
