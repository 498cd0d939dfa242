package dev.lagoa.runtime.runs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One step of a run: a scrape, a load, a change-data-capture catch-up or a model build.
 *
 * @param kind {@code scrape}, {@code load}, {@code capture} or {@code model}
 * @param name the source or model
 * @param status {@code succeeded}, {@code failed}, {@code up_to_date}, {@code skipped}, ...
 */
public record StepRecord(
    String kind,
    String name,
    String status,
    long rowsIn,
    long rowsOut,
    long rowsQuarantined,
    Instant startedAt,
    Instant endedAt,
    String message) {
  public StepRecord {
    requireNonNull(kind, "kind is null");
    requireNonNull(name, "name is null");
    requireNonNull(status, "status is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(endedAt, "endedAt is null");
    requireNonNull(message, "message is null");
  }
}
