package dev.lagoa.cli;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.MaintenanceConfigReader;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.maintain.MaintenanceRequest;
import dev.lagoa.runtime.maintain.TableMaintenanceResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "maintain",
    description = {
      "Compact small files, expire old snapshots and remove orphan files; ledgers and bookmarks"
          + " are kept, so the next run loads and builds nothing new.",
      "With no step option every step runs with the maintenance: settings of lagoa.yaml."
    })
final class MaintainCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Tables (default: all).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--compact", description = "Rewrite small files of each partition.")
  boolean compact;

  @Option(
      names = "--expire-older-than",
      paramLabel = "DURATION",
      description = "Expire snapshots older than this (7d, 12h, 0s), keeping the last ones.")
  String expireOlderThan;

  @Option(
      names = "--remove-orphans",
      description = "Delete files no snapshot references, older than the grace period.")
  boolean removeOrphans;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<Duration> expire =
        Optional.ofNullable(expireOlderThan)
            .map(
                text ->
                    MaintenanceConfigReader.duration(text)
                        .orElseThrow(
                            () ->
                                LagoaException.userInput(
                                    "Cannot maintain: --expire-older-than was '%s' but it must be"
                                        + " a duration such as 7d, 12h, 30m or 0s",
                                    text)));
    MaintenanceRequest request =
        new MaintenanceRequest(tables, compact, expire.isPresent(), removeOrphans, expire);
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      for (TableMaintenanceResult result : lake.maintain(request)) {
        out.println(result.describe());
      }
    }
    return Main.OK;
  }
}
