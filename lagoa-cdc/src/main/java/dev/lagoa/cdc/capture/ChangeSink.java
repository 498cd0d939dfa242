package dev.lagoa.cdc.capture;

import java.util.List;
import java.util.Map;

/**
 * Where captured changes go. Called by one thread at a time; a call that returns has committed what
 * it was given, and only then is the source told it may forget those changes.
 */
public interface ChangeSink {
  /** A row of the initial snapshot; nothing is visible until {@link #finishSnapshot}. */
  void snapshotRow(CapturedChange row);

  /** Commits the whole snapshot, {@code last} being its last row. */
  void finishSnapshot(CapturedChange last);

  /**
   * Commits a micro-batch of changes (in source order) with the offset of the last event read,
   * which covers all of them.
   */
  void commit(List<CapturedChange> changes, Map<String, ?> offset);
}
