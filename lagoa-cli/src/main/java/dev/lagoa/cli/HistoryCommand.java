package dev.lagoa.cli;

import dev.lagoa.core.files.ScrapeRun;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.TableInspector;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "history",
    description = "Show a table's snapshots: when, what each consumed and added.")
final class HistoryCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(index = "0", paramLabel = "TABLE")
  String table;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      out.printf(
          "%-20s %-24s %-10s %12s %12s  %s%n",
          "snapshot", "committed", "operation", "added rows", "total rows", "consumed");
      for (TableInspector.HistoryEntry entry : lake.history(table)) {
        out.printf(
            "%-20d %-24s %-10s %,12d %,12d  %s%n",
            entry.snapshotId(),
            entry.committedAt(),
            entry.operation(),
            entry.addedRows(),
            entry.totalRows(),
            entry.consumed());
        List<String> files = entry.consumedFiles();
        if (!files.isEmpty()) {
          out.printf(
              "%20s   files: %s%s%n",
              "",
              String.join(", ", files.subList(0, Math.min(3, files.size()))),
              files.size() > 3 ? " and " + (files.size() - 3) + " more" : "");
        }
        for (ScrapeRun run : entry.lagoa().scrapeRuns()) {
          out.printf(
              "%20s   scraped by %s: %,d pages, %,d rows, %d pages failed, %d blocked by"
                  + " robots.txt, %d beyond the page limit, %.1f s%n",
              "",
              run.run(),
              run.pages(),
              run.rows(),
              run.failedPages(),
              run.blocked(),
              run.skipped(),
              run.elapsedMillis() / 1000.0);
        }
      }
    }
    return Main.OK;
  }
}
