package dev.lagoa.cli;

import dev.lagoa.ingest.LoadReport;
import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Load new landing files into their tables (no names: every source).")
final class RunCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(arity = "0..*", paramLabel = "SOURCE", description = "Sources to run.")
  List<String> sources = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory); ProgressBar progress = ProgressBar.onTerminal()) {
      for (LoadReport report : lake.ingest(sources, progress)) {
        progress.clear();
        Reports.printLoad(out, report);
      }
    }
    return Main.OK;
  }
}
