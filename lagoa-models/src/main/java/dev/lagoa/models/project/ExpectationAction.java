package dev.lagoa.models.project;

/** What a run does with rows that fail an expectation. */
public enum ExpectationAction {
  /** Keep the rows and count them in the run report. */
  WARN,
  /** Leave the rows out of the table, copy them to the quarantine table and count them. */
  DROP,
  /** Stop the model before it writes anything, naming the expectation and a failing row. */
  FAIL
}
