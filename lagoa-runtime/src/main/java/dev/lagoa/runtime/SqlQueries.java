package dev.lagoa.runtime;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.ScanPredicates;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Binder;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Types;
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

  /**
   * Runs a reading statement.
   *
   * @param maxRows at most this many rows are kept ({@link Integer#MAX_VALUE} for all); the result
   *     says whether the query returned more
   */
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
    moreRelations.run();
    List<String> notes = new ArrayList<>();
    AsOf moment = resolve(catalog, asOf, notes);
    List<String> scans =
        exposeTables(catalog, engine, moment, ScanPredicates.of(engine, sql), sql, notes);
    List<String> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    boolean[] truncated = {false};
    engine.query(
        sql,
        result -> {
          try {
            ResultSetMetaData meta = result.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              columns.add(meta.getColumnLabel(i));
              types.add(meta.getColumnTypeName(i));
            }
            while (result.next()) {
              if (rows.size() >= maxRows) {
                truncated[0] = true;
                break;
              }
              List<String> row = new ArrayList<>(columns.size());
              for (int i = 1; i <= columns.size(); i++) {
                row.add(DisplayValues.of(result.getObject(i)));
              }
              rows.add(row);
            }
          } catch (SQLException e) {
            throw LagoaException.userInput("Cannot read query result: %s", e.getMessage());
          }
        });
    return new QueryResult(columns, types, rows, scans, notes, truncated[0]);
  }

  /**
   * Time travel reads one moment: a snapshot id becomes the time its table committed it, and every
   * table is read as of that time (the snapshot's own table at exactly that snapshot).
   */
  private static AsOf resolve(LakeCatalog catalog, AsOf asOf, List<String> notes) {
    if (asOf == null || asOf.snapshotId() == null) {
      return asOf;
    }
    for (TableIdentifier id : catalog.tables()) {
      Table table = catalog.load(id.toString());
      Snapshot snapshot = table.snapshot(asOf.snapshotId());
      if (snapshot != null) {
        Instant time = Instant.ofEpochMilli(snapshot.timestampMillis());
        notes.add(
            "as of snapshot "
                + asOf.snapshotId()
                + " of "
                + id
                + ", committed at "
                + time
                + ": every table is read as it was at that time");
        return new AsOf(asOf.snapshotId(), time);
      }
    }
    throw LagoaException.userInput(
        "Cannot read as of snapshot %d: no table has that snapshot (see lagoa history <table>)",
        asOf.snapshotId());
  }

  /** Creates a view per catalog table at the requested point in history. */
  public static void exposeTables(LakeCatalog catalog, DuckEngine engine, AsOf asOf) {
    List<String> notes = new ArrayList<>();
    exposeTables(catalog, engine, resolve(catalog, asOf, notes), Optional.empty(), "", notes);
  }

  /**
   * Creates a view per catalog table at the requested point in history; the table a single-table
   * query reads is planned with the query's simple conditions, so Iceberg skips the data files that
   * cannot match. Returns, per pruned table, how many of its files are read.
   */
  static List<String> exposeTables(
      LakeCatalog catalog,
      DuckEngine engine,
      AsOf asOf,
      Optional<ScanPredicates.TableFilter> filter,
      String sql,
      List<String> notes) {
    List<String> scans = new ArrayList<>();
    List<TableIdentifier> identifiers = catalog.tables();
    Map<String, Integer> nameCounts = new HashMap<>();
    identifiers.forEach(
        id -> nameCounts.merge(id.name().toLowerCase(Locale.ROOT), 1, Integer::sum));
    for (TableIdentifier id : identifiers) {
      Table table = catalog.load(id.toString());
      Snapshot snapshot = snapshotFor(table, asOf);
      if (asOf != null && snapshot == null && mentions(sql, id)) {
        notes.add(
            id
                + " did not exist yet at "
                + asOf.time()
                + " (its first commit is "
                + firstCommit(table)
                + "): it reads as empty");
      }
      Expression pruning =
          filter
              .filter(f -> isTable(f, id))
              .map(f -> toIceberg(table, f))
              .orElse(Expressions.alwaysTrue());
      String relation;
      try {
        relation = relationOf(table, snapshot, pruning, id, scans);
      } catch (LagoaException e) {
        // One table that cannot be read (a delete file in a format DuckDB does not read, a missing
        // file) must not break queries of the others: its view fails, naming it, only when a query
        // reads it.
        relation = TableViews.failingRelation(TableViews.schemaAt(table, snapshot), e.getMessage());
      }
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
    return scans;
  }

  private static String relationOf(
      Table table, Snapshot snapshot, Expression pruning, TableIdentifier id, List<String> scans) {
    String relation;
    if (snapshot == null || pruning == Expressions.alwaysTrue()) {
      relation = TableViews.relation(table, snapshot, Expressions.alwaysTrue());
    } else {
      List<FileScanTask> files = TableViews.scanFiles(table, snapshot, pruning);
      scans.add(
          String.format(
              Locale.ROOT,
              "%s: %d of %s data files read (Iceberg pruning on %s)",
              id,
              files.size(),
              snapshot.summary().getOrDefault("total-data-files", "?"),
              pruning));
      relation =
          TableViews.scanRelation(
              table.name(), TableViews.schemaAt(table, snapshot), files, table.io());
    }
    return relation;
  }

  private static boolean isTable(ScanPredicates.TableFilter filter, TableIdentifier id) {
    List<String> name = filter.table();
    boolean sameName = name.get(name.size() - 1).equalsIgnoreCase(id.name());
    return sameName
        && (name.size() == 1 || name.get(0).equalsIgnoreCase(id.namespace().toString()));
  }

  /** The conditions Iceberg can evaluate against this table; the others are left to DuckDB. */
  private static Expression toIceberg(Table table, ScanPredicates.TableFilter filter) {
    Expression result = Expressions.alwaysTrue();
    for (ScanPredicates.Condition condition : filter.conditions()) {
      Types.NestedField field = table.schema().caseInsensitiveFindField(condition.column());
      if (field == null || table.schema().findColumnName(field.fieldId()).contains(".")) {
        continue;
      }
      Expression expression = condition.toIceberg(field.name());
      try {
        Binder.bind(table.schema().asStruct(), expression, true);
      } catch (RuntimeException e) {
        continue; // e.g. a literal of another type than the column: DuckDB will compare it itself
      }
      result = Expressions.and(result, expression);
    }
    return result;
  }

  /** Whether the query names the table, as {@code namespace.name} or just {@code name}. */
  private static boolean mentions(String sql, TableIdentifier id) {
    return Pattern.compile(
            "(?<![A-Za-z0-9_])("
                + Pattern.quote(id.namespace() + ".")
                + ")?"
                + Pattern.quote(id.name())
                + "(?![A-Za-z0-9_])",
            Pattern.CASE_INSENSITIVE)
        .matcher(sql)
        .find();
  }

  private static String firstCommit(Table table) {
    long first = Long.MAX_VALUE;
    for (Snapshot snapshot : table.snapshots()) {
      first = Math.min(first, snapshot.timestampMillis());
    }
    return first == Long.MAX_VALUE ? "not made yet" : Instant.ofEpochMilli(first).toString();
  }

  /**
   * The snapshot to read: the current one; the given snapshot for the table that has it (other
   * tables as of that snapshot's commit time, see {@link #resolve}); or the last snapshot at or
   * before the given time (null: the table did not exist yet and reads empty).
   */
  private static Snapshot snapshotFor(Table table, AsOf asOf) {
    if (asOf == null) {
      return table.currentSnapshot();
    }
    if (asOf.snapshotId() != null && table.snapshot(asOf.snapshotId()) != null) {
      return table.snapshot(asOf.snapshotId());
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
