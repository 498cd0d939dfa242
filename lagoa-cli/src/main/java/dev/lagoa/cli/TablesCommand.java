package dev.lagoa.cli;

import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.TableInspector;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "tables",
    description = "List the project's tables with their row counts.")
final class TablesCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      List<String> tables = lake.tables();
      if (tables.isEmpty()) {
        out.printf(
            "No tables yet in %s: lagoa run loads the sources and builds the models.%n",
            lake.config().name());
      }
      for (String id : tables) {
        TableInspector.Description table = lake.describe(id);
        out.printf(
            "%-40s %,12d rows %6d files  snapshot %s%n",
            id,
            table.rows(),
            table.dataFiles(),
            table.snapshotId() == null ? "-" : table.snapshotId());
      }
    }
    return Main.OK;
  }
}
