package dev.lagoa.models;

import static java.util.Objects.requireNonNull;

import dev.lagoa.models.expect.ExpectationResult;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.test.TestResult;
import java.util.List;

/**
 * One model's part in a run.
 *
 * @param table the model's table ({@code namespace.name}), or its view's name
 * @param rowsIn rows read from input tables (0 when nothing was built)
 * @param rowsOut rows in the data files written, including rewritten existing rows
 * @param rowsDropped rows {@code drop} expectations sent to quarantine
 * @param expectations failing-row counts per expectation
 * @param tests results of the tests run after the build
 * @param snapshotId the snapshot committed to the table, 0 when none
 * @param message what happened, or why it failed or was skipped
 */
public record ModelResult(
    String model,
    String table,
    ModelStatus status,
    BuildMode mode,
    long rowsIn,
    long rowsOut,
    long rowsDropped,
    List<ExpectationResult> expectations,
    List<TestResult> tests,
    long snapshotId,
    String message) {
  public ModelResult {
    requireNonNull(model, "model is null");
    requireNonNull(table, "table is null");
    requireNonNull(status, "status is null");
    requireNonNull(mode, "mode is null");
    expectations = List.copyOf(requireNonNull(expectations, "expectations is null"));
    tests = List.copyOf(requireNonNull(tests, "tests is null"));
    requireNonNull(message, "message is null");
  }

  /** Whether the models built from this one must be skipped. */
  public boolean failed() {
    return status == ModelStatus.FAILED
        || status == ModelStatus.TESTS_FAILED
        || status == ModelStatus.SKIPPED;
  }
}
