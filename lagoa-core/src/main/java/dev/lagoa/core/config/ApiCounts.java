package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET /api/v1/<name>}: every value of {@code column} in {@code table} with its row count.
 */
public record ApiCounts(String name, String table, String column) {
  public ApiCounts {
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    requireNonNull(column, "column is null");
  }
}
