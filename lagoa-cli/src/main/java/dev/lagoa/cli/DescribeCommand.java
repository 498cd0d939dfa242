package dev.lagoa.cli;

import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.TableInspector;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "describe",
    description = "Show a table's schema, partitioning, current snapshot, rows and files.")
final class DescribeCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(index = "0", paramLabel = "TABLE")
  String table;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      TableInspector.Description description = lake.describe(table);
      out.println("table:      " + description.name());
      out.println("location:   " + description.location());
      out.println(
          "snapshot:   "
              + (description.snapshotId() == null
                  ? "none (empty table)"
                  : description.snapshotId() + " committed " + description.committedAt()));
      out.printf("rows:       %,d%n", description.rows());
      out.printf("data files: %,d%n", description.dataFiles());
      out.println("partitions: " + description.partitionSpec().replace("\n", " "));
      out.println("schema:     " + description.schema().replace("\n", "\n            "));
    }
    return Main.OK;
  }
}
