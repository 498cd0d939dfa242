package dev.lagoa.iceberg;

/** How a commit combines new data files with the table's current ones. */
public enum WriteMode {
  /** Add the files; keep everything. */
  APPEND,
  /** Replace every partition the new files touch; keep the others (Iceberg's dynamic overwrite). */
  OVERWRITE_PARTITIONS,
  /** Replace the whole table. */
  OVERWRITE
}
