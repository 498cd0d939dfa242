package dev.lagoa.runtime;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.ingest.FilesLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An open Lagoa project: its configuration, catalog and engine. The entry points (CLI, server) open one
 * and call its operations; all pipeline logic lives below it.
 */
public final class Lakehouse implements AutoCloseable {
  private final ProjectConfig config;
  private final LakeCatalog catalog;
  private final DuckEngine engine;
  private final Clock clock;

  private Lakehouse(ProjectConfig config, LakeCatalog catalog, DuckEngine engine, Clock clock) {
    this.config = config;
    this.catalog = catalog;
    this.engine = engine;
    this.clock = clock;
  }

  public static Lakehouse open(Path projectDirectory) {
    return open(ProjectConfigLoader.withSystemEnvironment().load(projectDirectory), Clock.systemUTC());
  }

  public static Lakehouse open(ProjectConfig config, Clock clock) {
    LakeCatalog catalog = LakeCatalog.open(config.catalog());
    try {
      return new Lakehouse(config, catalog, DuckEngine.open(), clock);
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  public ProjectConfig config() {
    return config;
  }

  public LakeCatalog catalog() {
    return catalog;
  }

  public DuckEngine engine() {
    return engine;
  }

  public Clock clock() {
    return clock;
  }

  /** Loads the named sources, or all when {@code names} is empty, in the order of {@code lagoa.yaml}. */
  public List<LoadReport> ingest(List<String> names, LoadListener listener) {
    for (String name : names) {
      if (!config.sources().containsKey(name)) {
        throw LagoaException.userInput(
            "Cannot run %s: project %s has no source of that name (sources: %s)", name, config.name(), config.sources().keySet());
      }
    }
    FilesLoader loader = new FilesLoader(catalog, engine, clock, Runtime.getRuntime().availableProcessors());
    List<LoadReport> reports = new ArrayList<>();
    for (SourceConfig source : config.sources().values()) {
      if (!names.isEmpty() && !names.contains(source.name())) {
        continue;
      }
      if (source instanceof FilesSourceConfig files) {
        reports.add(loader.load(files, listener));
      }
    }
    return reports;
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      catalog.close();
    }
  }
}
