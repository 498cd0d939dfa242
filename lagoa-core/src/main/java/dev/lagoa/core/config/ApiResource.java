package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A resource of the data API: {@code GET /api/v1/<name>} lists rows of {@code table} (filtered,
 * sorted, in pages) and {@code GET /api/v1/<name>/{key}} reads one.
 *
 * @param columns the columns a response holds (the key among them)
 * @param sortable the columns {@code sort=} may name
 * @param refresh whether admins may {@code POST /api/v1/<name>/refresh} to run the pipeline
 */
public record ApiResource(
    String name,
    String table,
    String key,
    List<String> columns,
    List<ApiFilter> filters,
    List<String> sortable,
    int defaultPageSize,
    int maxPageSize,
    boolean refresh) {
  public ApiResource {
    requireNonNull(name, "name is null");
    requireNonNull(table, "table is null");
    requireNonNull(key, "key is null");
    columns = List.copyOf(columns);
    filters = List.copyOf(filters);
    sortable = List.copyOf(sortable);
    if (defaultPageSize < 1 || defaultPageSize > maxPageSize) {
      throw new IllegalArgumentException("defaultPageSize must be between 1 and maxPageSize");
    }
  }
}
