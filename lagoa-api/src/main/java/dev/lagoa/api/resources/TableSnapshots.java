package dev.lagoa.api.resources;

import dev.lagoa.api.ApiError;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * The tables the API reads, each refreshed from the catalog on every request (one small catalog
 * query; the metadata file is read again only when a commit changed it), so a new commit is served
 * without a restart. The DuckDB relation of a snapshot is planned once and kept, since a snapshot
 * never changes.
 */
public final class TableSnapshots {
  private static final int PLANS_KEPT = 64;

  private final LakeCatalog catalog;
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Map<String, String> plans =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > PLANS_KEPT;
        }
      };

  public TableSnapshots(LakeCatalog catalog) {
    this.catalog = catalog;
  }

  /** A table at one snapshot (null snapshot: the table has no rows yet). */
  public record Read(Table table, Snapshot snapshot, String relation) {
    /** How responses name this snapshot ("none" for an empty table). */
    public String label() {
      return snapshot == null ? "none" : Long.toString(snapshot.snapshotId());
    }
  }

  /**
   * The table at {@code pinned} (the snapshot id a client sent as {@code snapshot=}) or at its
   * current snapshot.
   */
  public Read read(String tableName, Optional<Long> pinned) {
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
    return new Read(table, snapshot, relation(tableName, table, snapshot));
  }

  private synchronized Table refreshed(String tableName) {
    Table table = tables.get(tableName);
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
    } else {
      table.refresh();
    }
    return table;
  }

  private String relation(String tableName, Table table, Snapshot snapshot) {
    String key = tableName + "@" + (snapshot == null ? "none" : snapshot.snapshotId());
    synchronized (plans) {
      String plan = plans.get(key);
      if (plan != null) {
        return plan;
      }
    }
    String plan = TableViews.relation(table, snapshot, Expressions.alwaysTrue());
    synchronized (plans) {
      plans.put(key, plan);
    }
    return plan;
  }
}
