package dev.lagoa.models;

/** What happened to one model in a run. */
public enum ModelStatus {
  /** Its table was written (or its view defined) and its tests passed. */
  BUILT,
  /** Nothing new to read: no snapshot was written. */
  UP_TO_DATE,
  /** The build failed; the table is unchanged. The models built from it were skipped. */
  FAILED,
  /**
   * The table was written but a test with severity error failed. The models built from it were
   * skipped.
   */
  TESTS_FAILED,
  /** Not run because a model it is built from failed. */
  SKIPPED
}
