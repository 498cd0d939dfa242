package dev.lagoa.console.tables;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.runtime.DisplayValues;
import dev.lagoa.runtime.QueryResult;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * Rows of one table for the table page: a sample at any snapshot, and the quarantined records with
 * their file, line and reason. Each reads only its own table's snapshot (Iceberg plans the files,
 * DuckDB reads them, as every Lagoa read does), on the console's DuckDB connection, one query at a
 * time.
 */
public final class TableRows {
  public static final int SAMPLE_ROWS = 20;
  public static final int QUARANTINE_ROWS = 50;

  /**
   * @param snapshot the snapshot the rows were read at, empty for the current one
   */
  public record Rows(String table, String snapshot, QueryResult result) {}

  private final DuckEngine engine;

  public TableRows(DuckEngine engine) {
    this.engine = engine;
  }

  /** Up to {@link #SAMPLE_ROWS} rows of {@code table} at a snapshot (null: the current one). */
  public Rows sample(Table table, Long snapshotId) {
    Snapshot snapshot = snapshotId == null ? table.currentSnapshot() : table.snapshot(snapshotId);
    if (snapshotId != null && snapshot == null) {
      throw LagoaException.userInput(
          "Cannot read %s at snapshot %d: the table has no such snapshot",
          table.name(), snapshotId);
    }
    String relation = TableViews.relation(table, snapshot, Expressions.alwaysTrue());
    return new Rows(
        name(table),
        snapshotId == null ? "" : snapshotId.toString(),
        query("SELECT * FROM (" + relation + ") LIMIT " + SAMPLE_ROWS));
  }

  /** The newest quarantined records of a loader's quarantine table. */
  public Rows quarantine(Table quarantine) {
    String relation =
        TableViews.relation(quarantine, quarantine.currentSnapshot(), Expressions.alwaysTrue());
    return new Rows(
        name(quarantine),
        "",
        query(
            "SELECT _source_file AS file, _line AS line, reason, _ingested_at AS ingested_at FROM ("
                + relation
                + ") ORDER BY _ingested_at DESC, _source_file, _line LIMIT "
                + QUARANTINE_ROWS));
  }

  private QueryResult query(String sql) {
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    synchronized (engine) {
      engine.query(
          sql,
          result -> {
            try {
              read(result, columns, types, rows);
            } catch (SQLException e) {
              throw LagoaException.internal(e, "Cannot read rows: %s", e.getMessage());
            }
          });
    }
    return new QueryResult(columns, types, rows, List.of(), List.of());
  }

  private static void read(
      ResultSet result, List<String> columns, List<String> types, List<List<String>> rows)
      throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i));
      types.add(meta.getColumnTypeName(i));
    }
    while (result.next()) {
      List<String> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(DisplayValues.of(result.getObject(i)));
      }
      rows.add(row);
    }
  }

  private static String name(Table table) {
    String name = table.name();
    int dot = name.indexOf('.');
    return name.chars().filter(c -> c == '.').count() > 1 ? name.substring(dot + 1) : name;
  }
}
