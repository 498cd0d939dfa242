package dev.lagoa.models.expect;

import static java.util.Objects.requireNonNull;

import dev.lagoa.models.project.ExpectationAction;

/**
 * How many rows of one build failed one expectation.
 *
 * @param failedRows rows for which the condition was FALSE or NULL; for {@code drop}, the rows left
 *     out of the table and copied to the quarantine table
 */
public record ExpectationResult(
    String name, String condition, ExpectationAction action, long failedRows) {
  public ExpectationResult {
    requireNonNull(name, "name is null");
    requireNonNull(condition, "condition is null");
    requireNonNull(action, "action is null");
  }
}
