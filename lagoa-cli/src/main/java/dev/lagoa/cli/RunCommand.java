package dev.lagoa.cli;

import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.RunReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run the project's sources: scrape web sources, then load new landing files (no names: every source).")
final class RunCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Sources to run.")
  List<String> sources = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory); ProgressBar progress = ProgressBar.onTerminal()) {
      RunReport report = lake.run(sources, progress, progress);
      progress.clear();
      report.scrapes().forEach(scrape -> Reports.printScrape(out, scrape));
      report.loads().forEach(load -> Reports.printLoad(out, load));
    }
    return Main.OK;
  }
}
