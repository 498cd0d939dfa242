package dev.lagoa.runtime.runs;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.config.RetryPolicy;
import java.time.Instant;
import java.util.List;

/**
 * A run to make: these sources in order, then these models.
 *
 * @param job the schedule or trigger asking ({@code manual} or {@code api} for runs by hand); two
 *     requests of one job waiting to start are one run
 * @param models a model selection ({@code *}, {@code cars+}), empty for none
 * @param scheduledFor the firing time for a scheduled run, otherwise when it was asked for
 */
public record RunRequest(
    String job,
    TriggerKind trigger,
    List<String> sources,
    String models,
    RetryPolicy retry,
    Instant scheduledFor) {
  public RunRequest {
    requireNonNull(job, "job is null");
    requireNonNull(trigger, "trigger is null");
    sources = List.copyOf(requireNonNull(sources, "sources is null"));
    requireNonNull(models, "models is null");
    requireNonNull(retry, "retry is null");
    requireNonNull(scheduledFor, "scheduledFor is null");
  }

  /** What the ledger shows: {@code sources: a, b; models: x+}. */
  public String selection() {
    StringBuilder text = new StringBuilder();
    if (!sources.isEmpty()) {
      text.append("sources: ").append(String.join(", ", sources));
    }
    if (!models.isBlank()) {
      text.append(text.length() > 0 ? "; " : "").append("models: ").append(models);
    }
    return text.length() == 0 ? "nothing" : text.toString();
  }
}
