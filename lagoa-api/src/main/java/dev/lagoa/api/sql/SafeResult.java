package dev.lagoa.api.sql;

import java.util.Collections;
import java.util.List;

/**
 * The rows of a safe query, as DuckDB returned them (numbers stay numbers).
 *
 * @param truncated whether more rows were there than the row limit let through
 */
public record SafeResult(
    List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated) {
  public SafeResult {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = rows.stream().map(Collections::unmodifiableList).toList();
  }
}
