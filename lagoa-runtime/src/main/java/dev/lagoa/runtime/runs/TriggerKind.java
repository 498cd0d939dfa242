package dev.lagoa.runtime.runs;

import java.util.Locale;

/** What started a run. */
public enum TriggerKind {
  SCHEDULE,
  FILE_ARRIVAL,
  UPSTREAM,
  /** The catch-up run a starting service makes for each trigger. */
  CATCH_UP,
  MANUAL,
  API;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TriggerKind fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
