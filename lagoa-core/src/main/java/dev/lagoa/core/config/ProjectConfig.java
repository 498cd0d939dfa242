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
    ServeConfig serve) {
  public static final String FILE_NAME = "lagoa.yaml";

  /** A project with no schedules or triggers ({@code lagoa serve} then only serves its API). */
  public ProjectConfig(
      String name, Path directory, CatalogConfig catalog, Map<String, SourceConfig> sources) {
    this(name, directory, catalog, sources, ServeConfig.DEFAULT);
  }

  public ProjectConfig {
    requireNonNull(name, "name is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(catalog, "catalog is null");
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    requireNonNull(serve, "serve is null");
  }
}
