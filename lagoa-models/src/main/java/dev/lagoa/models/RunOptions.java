package dev.lagoa.models;

/**
 * How to run models.
 *
 * @param fullRefresh rebuild every selected model from all of its inputs, ignoring bookmarks
 * @param runTests run each model's tests right after it is built; a failing test with severity
 *     error skips the models built from it
 */
public record RunOptions(boolean fullRefresh, boolean runTests) {
  /** Incremental where possible, tests after each build. */
  public static RunOptions defaults() {
    return new RunOptions(false, true);
  }

  public RunOptions withFullRefresh(boolean fullRefresh) {
    return new RunOptions(fullRefresh, runTests);
  }

  public RunOptions withTests(boolean runTests) {
    return new RunOptions(fullRefresh, runTests);
  }
}
