package dev.lagoa.models.test;

/** The outcome of one model test. */
public enum TestStatus {
  /** No row broke the test. */
  PASS,
  /** Some rows broke the test. */
  FAIL,
  /** The test could not run: its query failed or the model has no data yet. */
  ERROR
}
