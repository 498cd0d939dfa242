package dev.lagoa.runtime;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Runs read-only SQL over the catalog's tables. Every table is a DuckDB view {@code
 * namespace.table} (and plain {@code table} when no other namespace has that name) over the
 * snapshot asked for.
 */
public final class SqlQueries {
  private static final Pattern READ_ONLY =
      Pattern.compile(
          "^\\s*(\\(\\s*)*(SELECT|WITH|FROM|VALUES|DESCRIBE|SHOW|SUMMARIZE|EXPLAIN|PIVOT|UNPIVOT|TABLE)\\b.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private SqlQueries() {}

  public static QueryResult run(
      LakeCatalog catalog, DuckEngine engine, String sql, AsOf asOf, int maxRows) {
    return run(catalog, engine, sql, asOf, maxRows, () -> {});
  }

  /** As {@link #run(LakeCatalog, DuckEngine, String, AsOf, int)}, defining more relations first. */
  static QueryResult run(
      LakeCatalog catalog,
      DuckEngine engine,
      String sql,
      AsOf asOf,
      int maxRows,
      Runnable moreRelations) {
    if (!READ_ONLY.matcher(sql).matches()) {
      throw LagoaException.userInput(
          "Cannot run query: only reading statements (SELECT, WITH, DESCRIBE, SHOW, EXPLAIN, ...) are allowed here");
    }
    exposeTables(catalog, engine, asOf);
    moreRelations.run();
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    engine.query(
        sql,
        result -> {
          try {
            ResultSetMetaData meta = result.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              columns.add(meta.getColumnLabel(i));
              types.add(meta.getColumnTypeName(i));
            }
            while (result.next() && rows.size() < maxRows) {
              List<String> row = new ArrayList<>(columns.size());
              for (int i = 1; i <= columns.size(); i++) {
                Object value = result.getObject(i);
                row.add(value == null ? null : value.toString());
              }
              rows.add(row);
            }
          } catch (SQLException e) {
            throw LagoaException.userInput("Cannot read query result: %s", e.getMessage());
          }
        });
    return new QueryResult(columns, types, rows);
  }

  /** Creates a view per catalog table at the requested point in history. */
  public static void exposeTables(LakeCatalog catalog, DuckEngine engine, AsOf asOf) {
    List<TableIdentifier> identifiers = catalog.tables();
    Map<String, Integer> nameCounts = new HashMap<>();
    identifiers.forEach(
        id -> nameCounts.merge(id.name().toLowerCase(Locale.ROOT), 1, Integer::sum));
    boolean snapshotFound = asOf == null || asOf.snapshotId() == null;
    for (TableIdentifier id : identifiers) {
      Table table = catalog.load(id.toString());
      Snapshot snapshot = snapshotFor(table, asOf);
      if (asOf != null && asOf.snapshotId() != null && table.snapshot(asOf.snapshotId()) != null) {
        snapshotFound = true;
      }
      String relation = TableViews.relation(table, snapshot, Expressions.alwaysTrue());
      String namespace = id.namespace().toString();
      engine.createSchema(namespace);
      engine.execute(
          "CREATE OR REPLACE VIEW "
              + quote(namespace)
              + "."
              + quote(id.name())
              + " AS "
              + relation);
      if (nameCounts.get(id.name().toLowerCase(Locale.ROOT)) == 1) {
        engine.execute("CREATE OR REPLACE VIEW main." + quote(id.name()) + " AS " + relation);
      }
    }
    if (!snapshotFound) {
      throw LagoaException.userInput(
          "Cannot read as of snapshot %d: no table has that snapshot (see lagoa history <table>)",
          asOf.snapshotId());
    }
  }

  /**
   * The snapshot to read: the current one; the given snapshot for the table that has it (other
   * tables as of that snapshot's time); or the last snapshot at or before the given time (null: the
   * table did not exist yet and reads empty).
   */
  private static Snapshot snapshotFor(Table table, AsOf asOf) {
    if (asOf == null) {
      return table.currentSnapshot();
    }
    if (asOf.snapshotId() != null) {
      Snapshot own = table.snapshot(asOf.snapshotId());
      return own != null ? own : table.currentSnapshot();
    }
    try {
      return table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, asOf.time().toEpochMilli()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String quote(String identifier) {
    return dev.lagoa.duckdb.DuckTypes.quote(identifier);
  }
}
