package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * {@code GET /api/v1/<name>}: a summary of {@code table}: its row count, the count per value of
 * each {@code groupBy} column ({@code by_<column>}), the count per value of each {@code
 * distribution} column ({@code <column>_distribution}), min/avg/max of each {@code measures}
 * column, and the greatest value of {@code latest} (e.g. the time of the last scrape; "" for none).
 */
public record ApiStats(
    String name,
    String table,
    List<String> groupBy,
    List<String> distribution,
    List<String> measures,
    String latest) {
  public ApiStats {
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    groupBy = List.copyOf(groupBy);
    distribution = List.copyOf(distribution);
    measures = List.copyOf(measures);
    requireNonNull(latest, "latest is null");
  }
}
