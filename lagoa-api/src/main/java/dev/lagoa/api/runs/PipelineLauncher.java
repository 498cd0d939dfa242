package dev.lagoa.api.runs;

import java.util.Optional;

/**
 * Starts pipeline runs for {@code POST /api/v1/<resource>/refresh}: the boundary between the data
 * API and whatever runs pipelines (the run engine of {@code lagoa serve}, or {@link
 * BackgroundPipelineLauncher}). Called from request threads; {@link #start} must return at once and
 * run the pipeline in the background.
 */
public interface PipelineLauncher {
  /** Starts (or queues) a run of the project's pipeline and returns its id. */
  RunId start(RunRequest request);

  /** What became of a run this launcher started; empty for an unknown id. */
  Optional<RunState> state(RunId id);
}
