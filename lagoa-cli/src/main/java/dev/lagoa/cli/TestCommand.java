package dev.lagoa.cli;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.models.compile.CompileReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.test.TestReport;
import dev.lagoa.runtime.Lakehouse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "test",
    description =
        "Compile the models, then run their tests against their tables; failures print sample"
            + " rows.")
final class TestCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Option(
      names = {"-s", "--select"},
      paramLabel = "MODELS",
      description = "Models whose tests run (default: all).")
  String select;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      Selection selection = select == null ? Selection.all() : Selection.parse(select);
      // Compile first: a model that does not compile is reported at its line, its tests skipped.
      CompileReport compiled = lake.compileModels(selection);
      if (!compiled.succeeded()) {
        spec.commandLine().getOut().println(compiled.summary());
      }
      TestReport report = lake.testModels(selection);
      spec.commandLine().getOut().println(report.summary());
      // Failing tests mean the data is wrong, not Lagoa: the same exit code as bad input.
      return report.passed() && compiled.succeeded()
          ? Main.OK
          : Main.exitCode(ErrorCategory.USER_INPUT);
    }
  }
}
