package dev.lagoa.runtime.runs;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.config.RetryPolicy;
import java.time.Instant;
import java.util.List;

/**
 * A run to make: these sources in order, then these models, then retrain these {@code ml:} models.
 *
 * @param job the schedule or trigger asking ({@code manual} or {@code api} for runs by hand); two
 *     requests of one job waiting to start are one run
 * @param models a model selection ({@code *}, {@code cars+}), empty for none
 * @param scheduledFor the firing time for a scheduled run, otherwise when it was asked for
 * @param train {@code ml:} models to retrain after the models
 * @param trainOnNewSnapshot retrain a model only when its training table has a snapshot no version
 *     was trained on (what an upstream trigger asks); otherwise always
 */
public record RunRequest(
    String job,
    TriggerKind trigger,
    List<String> sources,
    String models,
    RetryPolicy retry,
    Instant scheduledFor,
    List<String> train,
    boolean trainOnNewSnapshot) {
  public RunRequest {
    requireNonNull(job, "job is null");
    requireNonNull(trigger, "trigger is null");
    sources = List.copyOf(requireNonNull(sources, "sources is null"));
    requireNonNull(models, "models is null");
    requireNonNull(retry, "retry is null");
    requireNonNull(scheduledFor, "scheduledFor is null");
    train = List.copyOf(requireNonNull(train, "train is null"));
  }

  /** A run that retrains nothing. */
  public RunRequest(
      String job,
      TriggerKind trigger,
      List<String> sources,
      String models,
      RetryPolicy retry,
      Instant scheduledFor) {
    this(job, trigger, sources, models, retry, scheduledFor, List.of(), false);
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
    if (!train.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "").append("train: ").append(String.join(", ", train));
    }
    return text.length() == 0 ? "nothing" : text.toString();
  }
}
