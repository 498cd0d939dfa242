package dev.lagoa.runtime.runs;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run as the ledger holds it.
 *
 * @param job the schedule or trigger it ran for ({@code manual} for runs started by hand)
 * @param selection what it ran: {@code sources: a, b; models: x+}
 * @param scheduledFor the firing time of a scheduled run; the request time otherwise
 * @param endedAt empty while queued or running
 * @param attempts tries made so far
 * @param error the last attempt's error, empty when none
 * @param worker the process that ran it ({@code host:pid})
 */
public record RunRecord(
    String id,
    String project,
    String job,
    TriggerKind trigger,
    String selection,
    RunStatus status,
    Instant scheduledFor,
    Instant startedAt,
    Optional<Instant> endedAt,
    int attempts,
    Optional<String> error,
    String worker,
    List<StepRecord> steps) {
  public RunRecord {
    requireNonNull(id, "id is null");
    requireNonNull(project, "project is null");
    requireNonNull(job, "job is null");
    requireNonNull(trigger, "trigger is null");
    requireNonNull(selection, "selection is null");
    requireNonNull(status, "status is null");
    requireNonNull(scheduledFor, "scheduledFor is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(endedAt, "endedAt is null");
    requireNonNull(error, "error is null");
    requireNonNull(worker, "worker is null");
    steps = List.copyOf(requireNonNull(steps, "steps is null"));
  }

  public Optional<Duration> duration() {
    return endedAt.map(end -> Duration.between(startedAt, end));
  }

  public long rowsLoaded() {
    return steps.stream().filter(s -> s.kind().equals("load")).mapToLong(StepRecord::rowsOut).sum();
  }

  public long rowsQuarantined() {
    return steps.stream().mapToLong(StepRecord::rowsQuarantined).sum();
  }
}
