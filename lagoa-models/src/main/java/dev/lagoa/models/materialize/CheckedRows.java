package dev.lagoa.models.materialize;

import static java.util.Objects.requireNonNull;

import dev.lagoa.models.expect.ExpectationCheck;
import org.apache.iceberg.Schema;

/**
 * The rows one build produced, checked against the model's expectations and not yet written: the
 * second stage of a build, between its {@link PlannedBuild plan} and its {@link TableWrite write}.
 *
 * @param outcome the expectation counts, the kept rows and the quarantined ones
 * @param schema the columns of the kept rows
 */
record CheckedRows(ExpectationCheck.Outcome outcome, Schema schema) {
  CheckedRows {
    requireNonNull(outcome, "outcome is null");
    requireNonNull(schema, "schema is null");
  }

  /** A DuckDB relation over the rows that pass every {@code drop} expectation. */
  String kept() {
    return "(" + outcome.kept() + ")";
  }
}
