package dev.lagoa.cli;

import dev.lagoa.ml.MachineLearning;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.runtime.AsOf;
import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "train",
    description =
        "Train a new version of a model of lagoa.yaml's ml: section on its table's snapshot,"
            + " evaluate it against a trivial baseline and register it; it is served if it is not"
            + " worse than the served version.")
final class TrainCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(index = "0", paramLabel = "MODEL")
  String model;

  @Option(
      names = "--as-of",
      paramLabel = "SNAPSHOT|TIME",
      description = "Train on the table as of this snapshot id or time (default: its current one).")
  String asOf;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      ModelVersion version =
          MachineLearning.of(lake).train(model, asOf == null ? null : AsOf.parse(asOf));
      MlReports.printVersion(out, version, version.promotion().served());
    }
    return Main.OK;
  }
}
