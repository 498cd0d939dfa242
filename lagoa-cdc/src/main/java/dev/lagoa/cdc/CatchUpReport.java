package dev.lagoa.cdc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What a bounded catch-up did: whether it copied the tables first, how many snapshot rows and
 * changes it committed, and the WAL position the lake now holds.
 */
public record CatchUpReport(
    String source,
    List<String> tables,
    boolean snapshotted,
    long snapshotRows,
    long changes,
    String lakeLsn,
    Duration took) {
  public CatchUpReport {
    requireNonNull(source, "source is null");
    tables = List.copyOf(tables);
    requireNonNull(lakeLsn, "lakeLsn is null");
    requireNonNull(took, "took is null");
  }

  public String summary() {
    return String.format(
        "cdc %s: %s%d changes committed to %d tables, lake at LSN %s (%.1f s)",
        source,
        snapshotted ? "snapshot of " + snapshotRows + " rows, " : "",
        changes,
        tables.size(),
        lakeLsn,
        took.toMillis() / 1000.0);
  }
}
