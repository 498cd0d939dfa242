package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A Lagoa project: the contents of its {@code lagoa.yaml}, validated, with paths made absolute.
 *
 * @param maintenance table maintenance defaults ({@link MaintenanceConfig#DEFAULT} without a
 *     section)
 * @param api what the data API serves ({@link ApiConfig#NONE} without an {@code api:} section)
 * @param ml the machine-learning models ({@code ml:}), {@link MlConfig#NONE} when there are none
 * @param disabledSources sources with {@code enabled: false}: a run of the whole project skips
 *     them; naming one runs it
 * @param engines the models' engine ({@code engine:}) and Spark settings ({@code spark:})
 */
public record ProjectConfig(
    String name,
    Path directory,
    CatalogConfig catalog,
    Map<String, SourceConfig> sources,
    MaintenanceConfig maintenance,
    ApiConfig api,
    ServeConfig serve,
    MlConfig ml,
    Set<String> disabledSources,
    EngineConfig engines) {
  public static final String FILE_NAME = "lagoa.yaml";

  /** A project whose models run on DuckDB. */
  public ProjectConfig(
      String name,
      Path directory,
      CatalogConfig catalog,
      Map<String, SourceConfig> sources,
      MaintenanceConfig maintenance,
      ApiConfig api,
      ServeConfig serve,
      MlConfig ml,
      Set<String> disabledSources) {
    this(
        name,
        directory,
        catalog,
        sources,
        maintenance,
        api,
        serve,
        ml,
        disabledSources,
        EngineConfig.DEFAULT);
  }

  /** A project without {@code maintenance:}, {@code serve:}, schedules or triggers. */
  public ProjectConfig(
      String name, Path directory, CatalogConfig catalog, Map<String, SourceConfig> sources) {
    this(name, directory, catalog, sources, MaintenanceConfig.DEFAULT);
  }

  /** A project without {@code api:}, {@code serve:}, schedules or triggers. */
  public ProjectConfig(
      String name,
      Path directory,
      CatalogConfig catalog,
      Map<String, SourceConfig> sources,
      MaintenanceConfig maintenance) {
    this(
        name,
        directory,
        catalog,
        sources,
        maintenance,
        ApiConfig.NONE,
        ServeConfig.DEFAULT,
        MlConfig.NONE);
  }

  /** A project whose sources are all enabled. */
  public ProjectConfig(
      String name,
      Path directory,
      CatalogConfig catalog,
      Map<String, SourceConfig> sources,
      MaintenanceConfig maintenance,
      ApiConfig api,
      ServeConfig serve,
      MlConfig ml) {
    this(name, directory, catalog, sources, maintenance, api, serve, ml, Set.of());
  }

  public ProjectConfig {
    requireNonNull(name, "name is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(catalog, "catalog is null");
    requireNonNull(maintenance, "maintenance is null");
    requireNonNull(api, "api is null");
    sources = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sources));
    requireNonNull(serve, "serve is null");
    requireNonNull(ml, "ml is null");
    disabledSources = Set.copyOf(requireNonNull(disabledSources, "disabledSources is null"));
    requireNonNull(engines, "engines is null");
  }

  /** This project with other engine settings ({@code lagoa run --engine}). */
  public ProjectConfig withEngines(EngineConfig newEngines) {
    return new ProjectConfig(
        name,
        directory,
        catalog,
        sources,
        maintenance,
        api,
        serve,
        ml,
        disabledSources,
        newEngines);
  }

  /** Whether a run of the whole project runs {@code source} ({@code enabled} is not false). */
  public boolean enabled(String source) {
    return !disabledSources.contains(source);
  }
}
