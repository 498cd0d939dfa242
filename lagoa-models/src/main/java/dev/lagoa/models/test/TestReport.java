package dev.lagoa.models.test;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** The results of the tests of a selection of models, in run order. */
public record TestReport(List<TestResult> results) {
  public TestReport {
    results = List.copyOf(requireNonNull(results, "results is null"));
  }

  /** True when no test errored and no test with severity error failed. */
  public boolean passed() {
    return results.stream().noneMatch(TestResult::blocks);
  }

  /** The results that make the report fail. */
  public List<TestResult> failures() {
    return results.stream().filter(TestResult::blocks).toList();
  }

  /** A line per test, with sample rows under each failure, and a count at the end. */
  public String summary() {
    long passed = results.stream().filter(result -> result.status() == TestStatus.PASS).count();
    return results.stream().map(TestResult::describe).collect(Collectors.joining("\n"))
        + (results.isEmpty() ? "" : "\n")
        + passed
        + " of "
        + results.size()
        + " tests passed";
  }
}
