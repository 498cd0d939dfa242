package dev.lagoa.models;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.models.expect.ExpectationResult;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.test.TestResult;
import dev.lagoa.models.test.TestStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of running a selection of models.
 *
 * @param results one per selected model, in run order
 * @param errors the exceptions of the models that failed, in run order; their categories tell an
 *     entry point how to exit
 */
public record ModelRunReport(String runId, List<ModelResult> results, List<LagoaException> errors) {
  public ModelRunReport {
    requireNonNull(runId, "runId is null");
    results = List.copyOf(requireNonNull(results, "results is null"));
    errors = List.copyOf(requireNonNull(errors, "errors is null"));
  }

  /** True when every selected model was built or up to date and no blocking test failed. */
  public boolean succeeded() {
    return results.stream().noneMatch(ModelResult::failed);
  }

  /** The models that failed, failed their tests, or were skipped. */
  public List<ModelResult> failed() {
    return results.stream().filter(ModelResult::failed).toList();
  }

  public Optional<ModelResult> result(String model) {
    return results.stream().filter(result -> result.model().equals(model)).findFirst();
  }

  /**
   * The category of the first failure: what an entry point reports when the run did not succeed.
   */
  public Optional<ErrorCategory> failureCategory() {
    if (!errors.isEmpty()) {
      return Optional.of(errors.get(0).category());
    }
    return succeeded() ? Optional.empty() : Optional.of(ErrorCategory.USER_INPUT);
  }

  /** A few lines per model: status, rows, expectation counts, failing tests with sample rows. */
  public String summary() {
    StringBuilder text = new StringBuilder("run " + runId);
    if (results.isEmpty()) {
      errors.forEach(error -> text.append('\n').append(error.getMessage()));
    }
    for (ModelResult result : results) {
      text.append('\n')
          .append(String.format(Locale.ROOT, "%-12s %s", result.status(), result.model()));
      if (result.status() != ModelStatus.FAILED && result.mode() != BuildMode.NONE) {
        text.append(
            String.format(
                Locale.ROOT,
                " (%d in, %d out, %d dropped)",
                result.rowsIn(),
                result.rowsOut(),
                result.rowsDropped()));
      }
      text.append(": ").append(result.message());
      for (ExpectationResult expectation : result.expectations()) {
        text.append("\n    ").append(expectation.describe());
      }
      for (TestResult test : result.tests()) {
        if (test.status() != TestStatus.PASS) {
          text.append("\n    ").append(test.describe().replace("\n", "\n    "));
        }
      }
    }
    long built = results.stream().filter(result -> result.status() == ModelStatus.BUILT).count();
    long upToDate =
        results.stream().filter(result -> result.status() == ModelStatus.UP_TO_DATE).count();
    text.append(
        String.format(
            Locale.ROOT,
            "%n%d built, %d up to date, %d failed or skipped",
            built,
            upToDate,
            failed().size()));
    return text.toString();
  }
}
