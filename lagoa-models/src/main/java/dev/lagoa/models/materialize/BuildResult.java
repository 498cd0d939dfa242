package dev.lagoa.models.materialize;

import static java.util.Objects.requireNonNull;

import dev.lagoa.models.expect.ExpectationResult;
import java.util.List;

/**
 * What building one model did.
 *
 * @param built false when the model was already up to date and nothing was written
 * @param rowsIn rows read from input tables (from Iceberg's snapshot summaries)
 * @param rowsOut rows in the data files this build wrote, including existing rows of rewritten
 *     files
 * @param rowsDropped rows {@code drop} expectations kept out of the table
 * @param snapshotId the snapshot the build committed, 0 when it committed nothing
 * @param message what happened and why, for people: {@code incremental: 3 new rows, 1 partition
 *     rewritten}
 */
public record BuildResult(
    boolean built,
    BuildMode mode,
    long rowsIn,
    long rowsOut,
    long rowsDropped,
    List<ExpectationResult> expectations,
    long snapshotId,
    String message) {
  public BuildResult {
    requireNonNull(mode, "mode is null");
    expectations = List.copyOf(requireNonNull(expectations, "expectations is null"));
    requireNonNull(message, "message is null");
  }
}
