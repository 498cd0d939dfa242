package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code api:} section of {@code lagoa.yaml}: what the data API serves and how it signs users
 * in. A project without the section serves no resources but still has sign-in and the SQL endpoint.
 *
 * @param auth token lifetimes and login throttling
 * @param sql limits of {@code POST /api/v1/sql}
 * @param resources list/detail endpoints over tables, by path name ({@code /api/v1/<name>})
 * @param counts row counts per value of a column, by path name
 * @param stats summaries of a table, by path name
 */
public record ApiConfig(
    ApiAuthSettings auth,
    ApiSqlSettings sql,
    Map<String, ApiResource> resources,
    Map<String, ApiCounts> counts,
    Map<String, ApiStats> stats) {
  public static final ApiConfig NONE =
      new ApiConfig(ApiAuthSettings.DEFAULT, ApiSqlSettings.DEFAULT, Map.of(), Map.of(), Map.of());

  public ApiConfig {
    requireNonNull(auth, "auth is null");
    requireNonNull(sql, "sql is null");
    resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
  }
}
