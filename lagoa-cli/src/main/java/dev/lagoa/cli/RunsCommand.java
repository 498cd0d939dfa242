package dev.lagoa.cli;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.runtime.CatalogDatabase;
import dev.lagoa.runtime.runs.RunLedger;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.StepRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "runs",
    description = {
      "Show lagoa serve's run history (also in lagoa sql as lagoa.runs and lagoa.run_steps).",
      "With RUN_ID: that run and its steps."
    })
final class RunsCommand implements Callable<Integer> {
  private static final Pattern SINCE = Pattern.compile("(\\d+)([smhd])");

  @Mixin ProjectOption project;

  @Parameters(arity = "0..1", paramLabel = "RUN_ID", description = "A run to show in full.")
  String runId;

  @Option(names = "--failed", description = "Only failed and interrupted runs.")
  boolean failed;

  @Option(
      names = "--since",
      paramLabel = "AGE",
      description = "Only runs started in the last AGE: 30m, 12h, 1d.")
  String since;

  @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default 50).")
  int limit = 50;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(project.directory);
    Optional<RunLedger> ledger =
        RunLedger.find(new CatalogDatabase(config.catalog()), config.name());
    if (runId != null) {
      RunRecord run =
          ledger
              .flatMap(l -> l.find(runId))
              .orElseThrow(
                  () ->
                      LagoaException.userInput(
                          "Cannot show run %s: project %s has no run of that id",
                          runId, config.name()));
      printRun(out, run);
      return Main.OK;
    }
    List<RunRecord> runs = ledger.map(l -> l.list(sinceInstant(), failed, limit)).orElse(List.of());
    if (runs.isEmpty()) {
      out.println("no runs" + (ledger.isEmpty() ? " (lagoa serve has not run here yet)" : ""));
      return Main.OK;
    }
    out.printf(
        Locale.ROOT,
        "%-32s %-22s %-12s %-11s %-20s %9s %8s  %s%n",
        "RUN",
        "JOB",
        "TRIGGER",
        "STATUS",
        "STARTED",
        "SECONDS",
        "ROWS",
        "ERROR");
    for (RunRecord run : runs) {
      out.printf(
          Locale.ROOT,
          "%-32s %-22s %-12s %-11s %-20s %9s %8d  %s%n",
          run.id(),
          run.job(),
          run.trigger().label(),
          run.status().label(),
          DateTimeFormatter.ISO_INSTANT.format(run.startedAt().truncatedTo(ChronoUnit.SECONDS)),
          run.duration()
              .map(d -> String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0))
              .orElse("-"),
          run.rowsLoaded(),
          run.error().map(e -> e.lines().findFirst().orElse("")).orElse(""));
    }
    return Main.OK;
  }

  private Optional<Instant> sinceInstant() {
    if (since == null) {
      return Optional.empty();
    }
    Matcher matcher = SINCE.matcher(since.trim());
    if (!matcher.matches()) {
      throw LagoaException.userInput(
          "Cannot list runs: --since was '%s' but it must be an age such as 30m, 12h or 1d", since);
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration age =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    return Optional.of(Instant.now().minus(age));
  }

  private static void printRun(PrintWriter out, RunRecord run) {
    out.println("run        " + run.id());
    out.println("job        " + run.job() + " (" + run.trigger().label() + ")");
    out.println("selection  " + run.selection());
    out.println("status     " + run.status().label() + " after " + run.attempts() + " attempt(s)");
    out.println("scheduled  " + run.scheduledFor());
    out.println("started    " + run.startedAt());
    out.println("ended      " + run.endedAt().map(Instant::toString).orElse("-"));
    out.println("worker     " + run.worker());
    run.error().ifPresent(error -> out.println("error      " + error));
    for (StepRecord step : run.steps()) {
      out.printf(
          Locale.ROOT,
          "  %-6s %-28s %-11s in %d, out %d, quarantined %d: %s%n",
          step.kind(),
          step.name(),
          step.status(),
          step.rowsIn(),
          step.rowsOut(),
          step.rowsQuarantined(),
          step.message());
    }
  }
}
