package dev.lagoa.runtime.runs;

import java.time.Duration;

/**
 * Hears about runs, for metrics and logs. Called from the engine's threads; implementations must be
 * quick and must not throw.
 */
public interface RunListener {
  default void queued(RunRecord run) {}

  default void started(RunRecord run) {}

  default void attemptFailed(RunRecord run, int attempt, String error, Duration retryIn) {}

  default void finished(RunRecord run) {}
}
