package dev.lagoa.cdc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a CDC source stands: its replication slot on the server, the WAL position the lake holds,
 * and how far behind the lake is.
 *
 * @param slotExists whether the server still has the slot (a dropped slot needs a re-snapshot)
 * @param confirmedLsn the position the slot may discard WAL up to (never past the lake's)
 * @param lakeLsn the position covered by the lake tables' commits (the lowest of them)
 * @param lagBytes WAL bytes written on the server since {@code lakeLsn}
 * @param lagSeconds time since the source commit of the last change in the lake when the lake is
 *     behind the server, else 0
 */
public record CdcStatus(
    String source,
    String slot,
    boolean slotExists,
    boolean slotActive,
    String confirmedLsn,
    String serverLsn,
    String lakeLsn,
    long lagBytes,
    double lagSeconds,
    Optional<Instant> lastCommit,
    List<String> tables) {
  public CdcStatus {
    tables = List.copyOf(tables);
  }
}
