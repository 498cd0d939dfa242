package dev.lagoa.cli;

import dev.lagoa.ml.MachineLearning;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "ml",
    description = "Inspect the project's machine-learning models and their versions.",
    subcommands = {MlCommand.ListCommand.class, MlCommand.ShowCommand.class})
final class MlCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** {@code lagoa ml} alone shows its subcommands. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "Every model: its latest and served versions and their held-out metric.")
  static final class ListCommand implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Lakehouse lake = Lakehouse.open(project.directory)) {
        MachineLearning ml = MachineLearning.of(lake);
        Map<String, ModelVersion> latest = ml.latestVersions();
        out.printf(
            "%-20s %-8s %-8s %-10s %-24s%n",
            "model", "latest", "served", "metric", "value (baseline)");
        for (String name : ml.modelNames()) {
          ModelVersion version = latest.get(name);
          if (version == null) {
            out.printf("%-20s %-8s %-8s%n", name, "-", "-");
            continue;
          }
          OptionalInt served =
              lake.config().ml().models().containsKey(name)
                  ? ml.servedVersion(name)
                  : OptionalInt.empty();
          String metric = version.promotionMetric();
          out.printf(
              "%-20s %-8s %-8s %-10s %s%n",
              name,
              "v" + version.version(),
              served.isPresent() ? "v" + served.getAsInt() : "-",
              metric,
              MlReports.metric(version, metric));
        }
      }
      return Main.OK;
    }
  }

  @Command(
      mixinStandardHelpOptions = true,
      name = "show",
      description =
          "A model's versions, or one version in full: training snapshot, rows, features,"
              + " parameters, metrics against the baseline, promotion.")
  static final class ShowCommand implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
    Integer version;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Lakehouse lake = Lakehouse.open(project.directory)) {
        MachineLearning ml = MachineLearning.of(lake);
        OptionalInt served = ml.servedVersion(model);
        if (version != null) {
          ModelVersion chosen = ml.version(model, version);
          MlReports.printVersion(
              out, chosen, served.isPresent() && served.getAsInt() == chosen.version());
          return Main.OK;
        }
        List<ModelVersion> versions = ml.versions(model);
        if (versions.isEmpty()) {
          out.printf("%s has no versions yet: lagoa train %s%n", model, model);
          return Main.OK;
        }
        out.printf(
            "%-8s %-7s %-24s %-20s %10s  %-26s %s%n",
            "version", "served", "created", "snapshot", "rows", "metric (baseline)", "promotion");
        for (ModelVersion v : versions) {
          out.printf(
              "%-8s %-7s %-24s %-20d %,10d  %-26s %s%n",
              "v" + v.version(),
              served.isPresent() && served.getAsInt() == v.version() ? "*" : "",
              v.createdAt(),
              v.training().snapshotId(),
              v.rows().train() + v.rows().test(),
              v.promotionMetric() + " " + MlReports.metric(v, v.promotionMetric()),
              v.promotion().reason());
        }
      }
      return Main.OK;
    }
  }
}
