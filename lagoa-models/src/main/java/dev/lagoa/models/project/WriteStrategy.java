package dev.lagoa.models.project;

/** How an incremental model combines the rows of a run with the rows its table already holds. */
public enum WriteStrategy {
  /** Add the new rows (deduplicated among themselves when there is a unique key). */
  APPEND,
  /**
   * Replace the rows whose unique key the new rows carry, wherever they are: the data files that
   * may hold one of the keys are rewritten with the existing rows and the new ones, one row per
   * key.
   */
  MERGE,
  /**
   * Rewrite every partition the new rows fall in and leave the others untouched. With a unique key,
   * a rewritten partition holds its existing rows and the new ones, one row per key (the {@code
   * order_by} winner); without one it holds only the new rows, as in Spark's dynamic partition
   * overwrite.
   */
  OVERWRITE_PARTITIONS
}
