package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code maintenance:} section of {@code lagoa.yaml}: options for every table, and overrides
 * for some (by {@code namespace.name}).
 */
public record MaintenanceConfig(
    MaintenanceOptions defaults, Map<String, MaintenanceOptions> tables) {
  public static final MaintenanceConfig DEFAULT =
      new MaintenanceConfig(MaintenanceOptions.DEFAULT, Map.of());

  public MaintenanceConfig {
    requireNonNull(defaults, "defaults is null");
    tables = java.util.Collections.unmodifiableMap(new TreeMap<>(tables));
  }

  /** The options of {@code table}: its own when it has some, else the project's. */
  public MaintenanceOptions forTable(String table) {
    return tables.getOrDefault(table, defaults);
  }
}
