package dev.lagoa.runtime;

import java.util.List;

/**
 * The rows of a query, as display strings (NULL as null), with their column names and types.
 *
 * @param scans for tables whose files Iceberg pruned for this query, how many were read
 * @param notes what a reader must know to read the rows right: which moment {@code --as-of} read,
 *     which tables did not exist yet then
 * @param truncated whether the query returned more rows than were asked for, so {@code rows} holds
 *     only the first of them
 */
public record QueryResult(
    List<String> columns,
    List<String> types,
    List<List<String>> rows,
    List<String> scans,
    List<String> notes,
    boolean truncated) {
  public QueryResult {
    scans = List.copyOf(scans);
    notes = List.copyOf(notes);
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = rows.stream().map(java.util.Collections::unmodifiableList).toList();
  }

  /** A result holding every row the query returned. */
  public QueryResult(
      List<String> columns,
      List<String> types,
      List<List<String>> rows,
      List<String> scans,
      List<String> notes) {
    this(columns, types, rows, scans, notes, false);
  }
}
