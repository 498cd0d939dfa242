package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A Lagoa project: the contents of its {@code lagoa.yaml}, validated, with paths made absolute.
 *
 * @param disabledSources sources with {@code enabled: false}: a run of the whole project skips
 *     them; naming one runs it
 */
public record ProjectConfig(
    String name,
    Path directory,
    CatalogConfig catalog,
    Map<String, SourceConfig> sources,
    Set<String> disabledSources) {
  public static final String FILE_NAME = "lagoa.yaml";

  public ProjectConfig {
    requireNonNull(name, "name is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(catalog, "catalog is null");
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    disabledSources = Set.copyOf(requireNonNull(disabledSources, "disabledSources is null"));
  }

  /** A project whose sources are all enabled. */
  public ProjectConfig(
      String name, Path directory, CatalogConfig catalog, Map<String, SourceConfig> sources) {
    this(name, directory, catalog, sources, Set.of());
  }

  /** Whether a run of the whole project runs {@code source} ({@code enabled} is not false). */
  public boolean enabled(String source) {
    return !disabledSources.contains(source);
  }
}
