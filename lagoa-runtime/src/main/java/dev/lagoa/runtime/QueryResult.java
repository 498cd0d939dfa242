package dev.lagoa.runtime;

import java.util.List;

/** The rows of a query, as display strings (NULL as null), with their column names and types. */
public record QueryResult(List<String> columns, List<String> types, List<List<String>> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = rows.stream().map(java.util.Collections::unmodifiableList).toList();
  }
}
