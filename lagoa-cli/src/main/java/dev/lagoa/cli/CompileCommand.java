package dev.lagoa.cli;

import dev.lagoa.core.LagoaException;
import dev.lagoa.models.compile.CompileReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "compile",
    description = {
      "Check the models without running them: render each one, bind it against the current"
          + " columns of its inputs, check its settings, expectations and tests.",
      "Every problem of every model is printed as file:line:column: message."
    })
final class CompileCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Option(
      names = {"-s", "--select"},
      paramLabel = "MODELS",
      description = "Models to compile (with the models they read); default: all.")
  String select;

  @Option(
      names = "--show",
      paramLabel = "MODEL",
      description = "Print the SQL the model runs, placeholders resolved.")
  String show;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      CompileReport report =
          lake.compileModels(select == null ? Selection.all() : Selection.parse(select));
      if (show != null) {
        String sql =
            report
                .renderedSql(show)
                .orElseThrow(
                    () ->
                        LagoaException.userInput(
                            "Cannot show model %s: it was not rendered (models rendered: %s)",
                            show, report.rendered().keySet()));
        out.println(sql);
      }
      out.println(report.summary());
      return report.succeeded() ? Main.OK : Main.BAD_INPUT;
    }
  }
}
