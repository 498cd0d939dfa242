package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Lagoa project: the contents of its {@code lagoa.yaml}, validated, with paths made absolute.
 *
 * @param ml the machine-learning models ({@code ml:}), {@link MlConfig#NONE} when there are none
 */
public record ProjectConfig(
    String name,
    Path directory,
    CatalogConfig catalog,
    Map<String, SourceConfig> sources,
    MlConfig ml) {
  public static final String FILE_NAME = "lagoa.yaml";

  public ProjectConfig {
    requireNonNull(name, "name is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(catalog, "catalog is null");
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    requireNonNull(ml, "ml is null");
  }

  public ProjectConfig(
      String name, Path directory, CatalogConfig catalog, Map<String, SourceConfig> sources) {
    this(name, directory, catalog, sources, MlConfig.NONE);
  }
}
