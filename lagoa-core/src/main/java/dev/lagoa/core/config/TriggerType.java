package dev.lagoa.core.config;

/** What starts a trigger's job. */
public enum TriggerType {
  /** A new file in a {@code files} source's landing directory: load it, then build downstream. */
  FILE_ARRIVAL,
  /** A new snapshot of any table the trigger's models read, from any writer. */
  UPSTREAM
}
