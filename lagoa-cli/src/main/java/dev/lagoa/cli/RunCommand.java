package dev.lagoa.cli;

import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.RunReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
      "Name sources to run only those; --select to build only some models."
    })
final class RunCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(
      arity = "0..*",
      paramLabel = "SOURCE",
      description = "Sources to run (then no models unless --select).")
  List<String> sources = new ArrayList<>();

  @Option(
      names = {"-s", "--select"},
      paramLabel = "MODELS",
      description =
          "Models to build: names, model+ (and its descendants), +model (and its ancestors), comma-separated.")
  String select;

  @Option(
      names = "--full-refresh",
      description = "Rebuild incremental models from all their input, ignoring bookmarks.")
  boolean fullRefresh;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory);
        ProgressBar progress = ProgressBar.onTerminal()) {
      RunReport report;
      if (sources.isEmpty() && select == null) {
        report = lake.run(progress, progress, fullRefresh);
      } else {
        RunReport ran =
            sources.isEmpty()
                ? new RunReport(List.of(), List.of(), Optional.empty())
                : lake.run(sources, progress, progress);
        Optional<ModelRunReport> models =
            select == null
                ? Optional.empty()
                : Optional.of(lake.runModels(Selection.parse(select), fullRefresh));
        report = new RunReport(ran.scrapes(), ran.loads(), ran.failures(), models, ran.captures());
      }
      progress.clear();
      report.scrapes().forEach(scrape -> Reports.printScrape(out, scrape));
      report.loads().forEach(load -> Reports.printLoad(out, load));
      report.captures().forEach(capture -> out.println(capture.summary()));
      report
          .failures()
          .forEach(
              failure ->
                  spec.commandLine()
                      .getErr()
                      .println("Source " + failure.source() + " failed: " + failure.message()));
      report.models().ifPresent(models -> out.println(models.summary()));
      if (!report.failures().isEmpty()) {
        return Main.exitCode(report.failures().get(0).category());
      }
      return report
          .models()
          .flatMap(ModelRunReport::failureCategory)
          .map(Main::exitCode)
          .orElse(Main.OK);
    }
  }
}
