package dev.lagoa.runtime.runs;

import java.util.Locale;

/** Where a run is. Only {@link #RUNNING} and {@link #QUEUED} change. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Stopped by a shutdown or a killed process before it finished; nothing partial committed. */
  INTERRUPTED,
  /** A missed schedule firing skipped by its misfire policy. */
  SKIPPED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RunStatus fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }
}
