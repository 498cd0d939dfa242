package dev.lagoa.cli;

import dev.lagoa.examples.Demo;
import dev.lagoa.runtime.RunReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "demo",
    description = "Run every shipped example on generated offline data in a fresh workspace.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--examples",
      description = "The examples directory (default: examples/ of the Lagoa checkout).")
  Path examples;

  @Option(
      names = "--workspace",
      description = "Where the demo projects are created (default: demo/ of the Lagoa checkout).")
  Path workspace;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path home = Path.of(System.getProperty("lagoa.home", ".")).toAbsolutePath().normalize();
    Path examplesDir = examples != null ? examples : home.resolve("examples");
    Path workspaceDir = workspace != null ? workspace : home.resolve("demo");
    new Demo(examplesDir, workspaceDir, out)
        .run(
            new Demo.Listener() {
              @Override
              public void ran(String example, RunReport report) {
                report.scrapes().forEach(scrape -> Reports.printScrape(out, scrape));
                report.loads().forEach(load -> Reports.printLoad(out, load));
                report.captures().forEach(capture -> out.println(capture.summary()));
                report
                    .models()
                    .ifPresent(models -> out.println(models.summary().replace("\n", "\n  ")));
              }

              @Override
              public void skipped(String example, String source, String reason) {
                out.printf("%s: skipped: %s%n", source, reason);
              }
            });
    out.println();
    out.println("Explore the results, for example:");
    out.println("  ./lagoa tables   -p demo/imdb");
    out.println("  ./lagoa history  -p demo/imdb bronze.imdb_titles");
    out.println(
        "  ./lagoa sql      -p demo/imdb \"SELECT title, rating, _rescued_data FROM imdb_titles WHERE _rescued_data IS NOT NULL\"");
    out.println(
        "  ./lagoa sql      -p demo/imdb --as-of <first snapshot id> \"SELECT count(*) FROM imdb_titles\"");
    out.println(
        "  ./lagoa sql      -p demo/car-telemetry \"SELECT _line, reason FROM car_readings_quarantine\"");
    out.println("  ./lagoa describe -p demo/car-telemetry bronze.car_readings");
    return Main.OK;
  }
}
