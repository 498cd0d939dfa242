package dev.lagoa.cli;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.Engine;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.RunReport;
import dev.lagoa.runtime.RunRequest;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "run",
    description = {
      "Run the project: scrape web sources, load new landing files, then build the models.",
      "A failing source stops only what depends on it; the run reports it and exits non-zero.",
      "Name sources to run only those and what is downstream of them; --select to build only"
          + " some models; --skip to leave sources out."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(
      arity = "0..*",
      paramLabel = "SOURCE",
      description =
          "Sources to run, with the files sources loading what a named web source lands, then the"
              + " models downstream of them (or --select).")
  List<String> sources = new ArrayList<>();

  @Option(
      names = {"-s", "--select"},
      paramLabel = "MODELS",
      description =
          "Models to build: names, model+ (and its descendants), +model (and its ancestors), comma-separated.")
  String select;

  @Option(
      names = "--skip",
      paramLabel = "SOURCE",
      split = ",",
      description = "Sources not to run this time (repeat or separate with commas).")
  List<String> skip = new ArrayList<>();

  @Option(
      names = "--max-errors",
      paramLabel = "N|P%",
      description =
          "Pages of each web source that may fail (a count, or a percentage of the pages tried)"
              + " before its run fails; overrides crawl.max_errors and LAGOA_SCRAPE_MAX_ERRORS.")
  String maxErrors;

  @Option(
      names = "--full-refresh",
      description = "Rebuild incremental models from all their input, ignoring bookmarks.")
  boolean fullRefresh;

  @Option(
      names = "--engine",
      paramLabel = "duckdb|spark",
      description =
          "Engine of the models this run (those without their own engine: setting); default:"
              + " engine: in lagoa.yaml, else duckdb.")
  String engine;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(project.directory);
    if (engine != null) {
      config = config.withEngines(config.engines().withEngine(engineNamed(engine)));
    }
    try (Lakehouse lake = Lakehouse.open(config, Clock.systemUTC());
        ProgressBar progress = ProgressBar.onTerminal()) {
      RunReport report =
          lake.run(
              new RunRequest(
                  sources,
                  Set.copyOf(skip),
                  select == null ? "" : select,
                  fullRefresh,
                  maxErrors == null ? "" : maxErrors),
              progress,
              progress);
      progress.clear();
      report.scrapes().forEach(scrape -> Reports.printScrape(out, scrape));
      report.loads().forEach(load -> Reports.printLoad(out, load));
      report.captures().forEach(capture -> out.println(capture.summary()));
      report.models().ifPresent(models -> out.println(models.summary()));
      Reports.printFailures(out, spec.commandLine().getErr(), report);
      return report.failureCategory().map(Main::exitCode).orElse(Main.OK);
    }
  }

  private static Engine engineNamed(String name) {
    for (Engine candidate : Engine.values()) {
      if (candidate.name().equalsIgnoreCase(name.trim())) {
        return candidate;
      }
    }
    throw LagoaException.userInput(
        "Cannot run: --engine was '%s' but it must be duckdb or spark", name);
  }
}
