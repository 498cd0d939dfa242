package dev.lagoa.console.tables;

import dev.lagoa.runtime.AsOf;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.QueryResult;

/**
 * Rows of a table for the table page: a sample at any snapshot, and the quarantined records with
 * their file, line and reason. Queries go through the project's {@link Lakehouse} (one DuckDB
 * connection, so one query at a time); the table name is checked against the catalog before it is
 * put in SQL.
 */
public final class TableRows {
  public static final int SAMPLE_ROWS = 20;
  public static final int QUARANTINE_ROWS = 50;

  /**
   * @param snapshot the snapshot the rows were read at, empty for the current one
   */
  public record Rows(String table, String snapshot, QueryResult result) {}

  private final Lakehouse lake;

  public TableRows(Lakehouse lake) {
    this.lake = lake;
  }

  /** Whether {@code table} names a catalog table ({@code namespace.name}). */
  public boolean exists(String table) {
    return lake.tables().contains(table);
  }

  public Rows sample(String table, Long snapshotId) {
    requireTable(table);
    QueryResult result;
    synchronized (lake) {
      result =
          lake.sql(
              "SELECT * FROM " + table + " LIMIT " + SAMPLE_ROWS,
              snapshotId == null ? null : new AsOf(snapshotId, null),
              SAMPLE_ROWS);
    }
    return new Rows(table, snapshotId == null ? "" : snapshotId.toString(), result);
  }

  public Rows quarantine(String quarantineTable) {
    requireTable(quarantineTable);
    QueryResult result;
    synchronized (lake) {
      result =
          lake.sql(
              "SELECT _source_file AS file, _line AS line, reason, _ingested_at AS ingested_at"
                  + " FROM "
                  + quarantineTable
                  + " ORDER BY _ingested_at DESC, _source_file, _line LIMIT "
                  + QUARANTINE_ROWS,
              null,
              QUARANTINE_ROWS);
    }
    return new Rows(quarantineTable, "", result);
  }

  private void requireTable(String table) {
    if (!exists(table)) {
      throw dev.lagoa.core.LagoaException.userInput(
          "Cannot read table %s: the catalog has no table of that name (tables: %s)",
          table, lake.tables());
    }
  }
}
