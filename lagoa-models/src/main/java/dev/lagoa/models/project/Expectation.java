package dev.lagoa.models.project;

import static java.util.Objects.requireNonNull;

/**
 * A condition every row of a model's result should meet.
 *
 * @param name unique within the model; names the expectation in reports and in the quarantine table
 * @param condition a SQL boolean expression over the result's columns; a row passes when it is TRUE
 *     (FALSE and NULL fail it)
 */
public record Expectation(String name, String condition, ExpectationAction onFailure) {
  public Expectation {
    requireNonNull(name, "name is null");
    requireNonNull(condition, "condition is null");
    requireNonNull(onFailure, "onFailure is null");
  }
}
