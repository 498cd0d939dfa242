package dev.lagoa.core.config;

/** What a loader does when incoming data does not match the table's schema. */
public enum SchemaPolicy {
  /** New fields become new columns; values of the wrong type go to {@code _rescued_data}. */
  EVOLVE,
  /** The schema stays; unknown fields and values of the wrong type go to {@code _rescued_data}. */
  RESCUE,
  /** Stop with an error naming the file, line and field. */
  FAIL
}
