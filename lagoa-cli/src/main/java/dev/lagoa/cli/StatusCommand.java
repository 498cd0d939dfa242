package dev.lagoa.cli;

import dev.lagoa.models.ModelFreshness;
import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = {
      "Show whether each model's table is current: not built, stale against its definition (SQL,"
          + " settings, expectations changed) or its inputs (new data), or up to date."
    })
final class StatusCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      if (!lake.hasModels()) {
        out.println("the project has no models/ folder");
        return Main.OK;
      }
      List<ModelFreshness.Entry> entries = lake.modelStatus();
      for (ModelFreshness.Entry entry : entries) {
        out.printf(
            Locale.ROOT,
            "%-16s %-28s %-28s %s%n",
            entry.state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
            entry.model(),
            entry.table(),
            entry.detail());
      }
      long stale = entries.stream().filter(ModelFreshness.Entry::stale).count();
      out.printf(Locale.ROOT, "%d model(s), %d stale%n", entries.size(), stale);
      return Main.OK;
    }
  }
}
