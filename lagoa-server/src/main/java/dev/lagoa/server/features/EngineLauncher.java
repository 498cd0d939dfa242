package dev.lagoa.server.features;

import static java.util.Objects.requireNonNull;

import dev.lagoa.api.runs.PipelineLauncher;
import dev.lagoa.api.runs.RunId;
import dev.lagoa.api.runs.RunRequest;
import dev.lagoa.api.runs.RunState;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.TriggerKind;
import dev.lagoa.runtime.serve.PipelineService;
import java.util.List;
import java.util.Optional;

/**
 * Binds the data API's refresh endpoints to the run engine of {@code lagoa serve}: a refresh is a
 * run of every source and every model, queued like any other run (it joins a run of the same
 * selection already waiting) and recorded in the run history with trigger {@code api}.
 */
final class EngineLauncher implements PipelineLauncher {
  private final PipelineService service;

  EngineLauncher(PipelineService service) {
    this.service = requireNonNull(service, "service is null");
  }

  @Override
  public RunId start(RunRequest request) {
    List<String> sources = List.copyOf(service.config().sources().keySet());
    return new RunId(service.startRun(sources, "*", TriggerKind.API).runId());
  }

  @Override
  public Optional<RunState> state(RunId id) {
    return service.ledger().find(id.value()).map(EngineLauncher::state);
  }

  private static RunState state(RunRecord run) {
    RunState.Status status =
        switch (run.status()) {
          case QUEUED -> RunState.Status.QUEUED;
          case RUNNING -> RunState.Status.RUNNING;
          case SUCCEEDED -> RunState.Status.SUCCEEDED;
          case FAILED, INTERRUPTED, SKIPPED -> RunState.Status.FAILED;
        };
    String message = run.error().orElse(run.status().finished() ? run.status().label() : "");
    return new RunState(
        new RunId(run.id()), status, run.startedAt(), run.endedAt().orElse(null), message);
  }
}
