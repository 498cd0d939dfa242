package dev.lagoa.api.resources;

import dev.lagoa.api.ApiError;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * The tables the API reads. Requests refresh their table from the catalog (one small catalog query,
 * at most every 50 ms; the metadata file is read again only when a commit changed it), so a new
 * commit is served without a restart. A snapshot never changes, so its scan is planned once; a
 * snapshot of at most {@value #MAX_ROWS_IN_MEMORY} rows is also read into memory once, and list
 * requests are answered from there (a DuckDB query costs far more than filtering a few thousand
 * rows). The last {@value #SNAPSHOTS_KEPT} snapshots of each table are kept, so pinned pages stay
 * fast.
 */
public final class TableSnapshots {
  static final long MAX_ROWS_IN_MEMORY = 100_000;
  static final int SNAPSHOTS_KEPT = 4;

  /**
   * Requests arriving together share one catalog check: a commit is served at most this long after
   * it happened.
   */
  static final long REFRESH_INTERVAL_NANOS = 50_000_000;

  private final LakeCatalog catalog;
  private final ReadConnections connections;
  private final Map<String, Table> tables = new HashMap<>();
  private final Map<String, Long> refreshedAt = new ConcurrentHashMap<>();
  private final Map<String, LinkedHashMap<Long, Entry>> snapshots = new HashMap<>();

  private record Entry(String relation, SnapshotRows rows) {}

  public TableSnapshots(LakeCatalog catalog, ReadConnections connections) {
    this.catalog = catalog;
    this.connections = connections;
  }

  /** A table at one snapshot (null snapshot: the table has no rows yet). */
  public record Read(Table table, Snapshot snapshot, String relation, Optional<SnapshotRows> rows) {
    /** How responses name this snapshot ("none" for an empty table). */
    public String label() {
      return snapshot == null ? "none" : Long.toString(snapshot.snapshotId());
    }
  }

  /**
   * The table at {@code pinned} (the snapshot id a client sent as {@code snapshot=}) or at its
   * current snapshot.
   */
  public Read read(String tableName, Optional<Long> pinned) throws Exception {
    Table table = refreshed(tableName);
    Snapshot snapshot;
    if (pinned.isPresent()) {
      snapshot = table.snapshot(pinned.get());
      if (snapshot == null) {
        throw ApiError.badParameter(
            "snapshot",
            "snapshot was '" + pinned.get() + "' but table " + tableName + " has no such snapshot");
      }
    } else {
      snapshot = table.currentSnapshot();
    }
    if (snapshot == null) {
      return new Read(
          table,
          null,
          "(" + TableViews.relation(table, null, Expressions.alwaysTrue()) + ")",
          Optional.of(new SnapshotRows(List.of(), List.of())));
    }
    Entry entry = entry(tableName, table, snapshot);
    return new Read(table, snapshot, entry.relation(), Optional.ofNullable(entry.rows()));
  }

  private Table refreshed(String tableName) {
    Table table;
    synchronized (tables) {
      table = tables.get(tableName);
      if (table == null) {
        table =
            catalog
                .find(tableName)
                .orElseThrow(
                    () ->
                        new ApiError(
                            503,
                            "table_missing",
                            "",
                            "Table " + tableName + " does not exist yet: run the pipeline first"));
        tables.put(tableName, table);
        refreshedAt.put(tableName, System.nanoTime());
        return table;
      }
    }
    Long last = refreshedAt.get(tableName);
    if (last == null || System.nanoTime() - last >= REFRESH_INTERVAL_NANOS) {
      synchronized (table) {
        last = refreshedAt.get(tableName);
        if (last == null || System.nanoTime() - last >= REFRESH_INTERVAL_NANOS) {
          table.refresh();
          refreshedAt.put(tableName, System.nanoTime());
        }
      }
    }
    return table;
  }

  private synchronized Entry entry(String tableName, Table table, Snapshot snapshot)
      throws Exception {
    LinkedHashMap<Long, Entry> kept =
        snapshots.computeIfAbsent(tableName, name -> new LinkedHashMap<>());
    Entry known = kept.get(snapshot.snapshotId());
    if (known != null) {
      return known;
    }
    String relation = "(" + TableViews.relation(table, snapshot, Expressions.alwaysTrue()) + ")";
    long count =
        Long.parseLong(
            snapshot.summary().getOrDefault("total-records", Long.toString(Long.MAX_VALUE)));
    SnapshotRows rows = count <= MAX_ROWS_IN_MEMORY ? load(relation) : null;
    Entry entry = new Entry(relation, rows);
    kept.put(snapshot.snapshotId(), entry);
    if (kept.size() > SNAPSHOTS_KEPT) {
      kept.remove(kept.keySet().iterator().next());
    }
    return entry;
  }

  private SnapshotRows load(String relation) throws Exception {
    return connections.with(
        connection -> {
          try (PreparedStatement statement =
                  connection.prepareStatement("SELECT * FROM " + relation + " AS t");
              ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              columns.add(meta.getColumnLabel(i));
            }
            List<Object[]> rows = new ArrayList<>();
            while (result.next()) {
              Object[] row = new Object[columns.size()];
              for (int i = 0; i < row.length; i++) {
                row[i] = result.getObject(i + 1);
              }
              rows.add(row);
            }
            return new SnapshotRows(columns, rows);
          }
        });
  }
}
