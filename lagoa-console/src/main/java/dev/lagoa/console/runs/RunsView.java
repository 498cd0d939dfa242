package dev.lagoa.console.runs;

import dev.lagoa.console.Formats;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.RunStatus;
import dev.lagoa.runtime.runs.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The runs page: the run history of {@code lagoa serve}, filtered by status and pipeline (the
 * schedule or trigger a run was for), running runs with their progress, and run durations over
 * time.
 */
public final class RunsView {
  public static final int HISTORY = 200;

  public record Filter(String status, String pipeline) {
    public Filter {
      status = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
      pipeline = pipeline == null ? "" : pipeline.trim();
    }

    boolean matches(RunRecord run) {
      return (status.isEmpty() || run.status().label().equals(status))
          && (pipeline.isEmpty() || run.job().equals(pipeline));
    }

    public String query() {
      return "status="
          + java.net.URLEncoder.encode(status, java.nio.charset.StandardCharsets.UTF_8)
          + "&pipeline="
          + java.net.URLEncoder.encode(pipeline, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** One step as the table shows it. */
  public record Step(String kind, String name, String status, String rows, String message) {}

  /** One run as the table shows it. */
  public record Run(
      String id,
      String pipeline,
      String trigger,
      String selection,
      String status,
      boolean active,
      String startedAt,
      String duration,
      long rowsLoaded,
      long rowsQuarantined,
      String error,
      String progress,
      List<Step> steps) {}

  /** Durations of finished runs, oldest first (the chart). */
  public record Durations(List<String> labels, List<Double> seconds) {}

  public record View(
      Filter filter,
      List<String> statuses,
      List<String> pipelines,
      List<Run> runs,
      boolean anyActive,
      Durations durations,
      String message) {}

  private RunsView() {}

  public static View of(List<RunRecord> history, Filter filter, Instant now, String message) {
    TreeSet<String> pipelines = new TreeSet<>();
    history.forEach(run -> pipelines.add(run.job()));
    List<Run> runs = new ArrayList<>();
    boolean anyActive = false;
    for (RunRecord run : history) {
      if (!filter.matches(run)) {
        continue;
      }
      boolean active = !run.status().finished();
      anyActive |= active;
      runs.add(run(run, now));
    }
    List<String> labels = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    for (int i = history.size() - 1; i >= 0; i--) {
      RunRecord run = history.get(i);
      if (filter.matches(run) && run.duration().isPresent()) {
        labels.add(Formats.time(run.startedAt()));
        seconds.add(run.duration().get().toMillis() / 1000.0);
      }
    }
    List<String> statuses = new ArrayList<>();
    for (RunStatus status : RunStatus.values()) {
      statuses.add(status.label());
    }
    return new View(
        filter,
        statuses,
        List.copyOf(pipelines),
        runs,
        anyActive,
        new Durations(labels, seconds),
        message);
  }

  private static Run run(RunRecord run, Instant now) {
    boolean active = !run.status().finished();
    Duration duration = run.duration().orElse(Duration.between(run.startedAt(), now));
    List<Step> steps = new ArrayList<>();
    for (StepRecord step : run.steps()) {
      steps.add(
          new Step(
              step.kind(),
              step.name(),
              step.status().replace('_', ' '),
              Formats.count(step.rowsIn()) + " in, " + Formats.count(step.rowsOut()) + " out",
              step.message()));
    }
    String progress =
        active
            ? run.status().label()
                + " for "
                + Formats.duration(duration)
                + (steps.isEmpty() ? "" : ", " + steps.size() + " steps done")
            : "";
    return new Run(
        run.id(),
        run.job(),
        run.trigger().label(),
        run.selection(),
        run.status().label(),
        active,
        Formats.time(run.startedAt()),
        Formats.duration(duration),
        run.rowsLoaded(),
        run.rowsQuarantined(),
        run.error().orElse(""),
        progress,
        steps);
  }
}
