package dev.lagoa.models.test;

import static java.util.Objects.requireNonNull;

import dev.lagoa.models.project.Severity;
import java.util.List;

/**
 * The outcome of one test of one model.
 *
 * @param failingRows how many rows the test's query returned
 * @param sample up to {@link ModelTester#SAMPLE_ROWS} failing rows, as JSON
 * @param message why the test could not run (status ERROR), otherwise empty
 * @param sql the query that returns the failing rows, to run by hand
 */
public record TestResult(
    String model,
    String name,
    Severity severity,
    TestStatus status,
    long failingRows,
    List<String> sample,
    String message,
    String sql) {
  public TestResult {
    requireNonNull(model, "model is null");
    requireNonNull(name, "name is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(status, "status is null");
    sample = List.copyOf(requireNonNull(sample, "sample is null"));
    requireNonNull(message, "message is null");
    requireNonNull(sql, "sql is null");
  }

  /** Whether this result fails the model: an error, or a failure of a test with severity error. */
  public boolean blocks() {
    return status == TestStatus.ERROR || (status == TestStatus.FAIL && severity == Severity.ERROR);
  }

  /** One line per result, followed by the sample rows of a failure. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    String label = status == TestStatus.FAIL && severity == Severity.WARN ? "WARN" : status.name();
    text.append(label).append(' ').append(name).append(" (model ").append(model).append(')');
    if (status == TestStatus.FAIL) {
      text.append(": ")
          .append(failingRows)
          .append(failingRows == 1 ? " failing row" : " failing rows");
      for (String row : sample) {
        text.append("\n    ").append(row);
      }
      if (failingRows > sample.size()) {
        text.append("\n    … ")
            .append(failingRows - sample.size())
            .append(" more; see: ")
            .append(sql);
      }
    } else if (status == TestStatus.ERROR) {
      text.append(": ").append(message);
    }
    return text.toString();
  }
}
