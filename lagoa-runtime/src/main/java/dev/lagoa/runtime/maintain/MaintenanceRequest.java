package dev.lagoa.runtime.maintain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code lagoa maintain} was asked to do. With no step named, every step runs with the
 * settings of {@code lagoa.yaml}.
 *
 * @param tables tables by {@code namespace.name}; empty: every table of the catalog
 * @param expireOlderThan overrides the retention of {@code lagoa.yaml} for this run
 */
public record MaintenanceRequest(
    List<String> tables,
    boolean compact,
    boolean expire,
    boolean removeOrphans,
    Optional<Duration> expireOlderThan) {
  public MaintenanceRequest {
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    requireNonNull(expireOlderThan, "expireOlderThan is null");
    if (!compact && !expire && !removeOrphans) {
      compact = true;
      expire = true;
      removeOrphans = true;
    }
  }

  public static MaintenanceRequest everything(List<String> tables) {
    return new MaintenanceRequest(tables, true, true, true, Optional.empty());
  }
}
