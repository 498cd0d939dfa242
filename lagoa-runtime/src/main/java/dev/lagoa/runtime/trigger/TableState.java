package dev.lagoa.runtime.trigger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A table's current snapshot, as the upstream poller last saw it. */
public record TableState(String table, long snapshotId, Instant committedAt) {
  public TableState {
    requireNonNull(table, "table is null");
    requireNonNull(committedAt, "committedAt is null");
  }
}
