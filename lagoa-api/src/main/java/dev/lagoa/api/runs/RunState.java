package dev.lagoa.api.runs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where a run is.
 *
 * @param status queued, running, succeeded or failed
 * @param message a summary of the outcome ("" while it runs)
 * @param finishedAt when it ended, or null while it runs
 */
public record RunState(
    RunId id, Status status, Instant startedAt, Instant finishedAt, String message) {
  public enum Status {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED
  }

  public RunState {
    requireNonNull(id, "id is null");
    requireNonNull(status, "status is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(message, "message is null");
  }
}
