package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits of the read-only SQL endpoint ({@code api.sql}) and of {@code lagoa sql --safe}.
 *
 * @param maxRows rows returned at most; a result cut there says so
 * @param timeout a query still running after this is cancelled
 * @param maxQueryBytes longer statements are refused before they are parsed
 */
public record ApiSqlSettings(int maxRows, Duration timeout, int maxQueryBytes) {
  public static final ApiSqlSettings DEFAULT =
      new ApiSqlSettings(10_000, Duration.ofSeconds(10), 100_000);

  public ApiSqlSettings {
    requireNonNull(timeout, "timeout is null");
  }
}
