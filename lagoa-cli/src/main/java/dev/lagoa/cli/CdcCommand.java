package dev.lagoa.cli;

import dev.lagoa.cdc.CdcSource;
import dev.lagoa.cdc.CdcStatus;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cdc",
    mixinStandardHelpOptions = true,
    description = "Change data capture sources: status, re-snapshot.",
    subcommands = {
      CdcCommand.Status.class,
      CdcCommand.Resnapshot.class,
      CommandLine.HelpCommand.class
    })
final class CdcCommand {
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show a CDC source's replication slot, the LSN the lake holds and the lag.")
  static final class Status implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(paramLabel = "SOURCE", description = "The postgres-cdc source.")
    String source;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Lakehouse lake = Lakehouse.open(project.directory);
          CdcSource cdc = lake.openCdc(lake.source(source, PostgresCdcSourceConfig.class))) {
        CdcStatus status = cdc.replicator().status();
        out.printf("source:          %s%n", status.source());
        out.printf(
            "slot:            %s (%s)%n",
            status.slot(),
            !status.slotExists() ? "missing" : status.slotActive() ? "active" : "inactive");
        out.printf(
            "confirmed LSN:   %s%n", status.confirmedLsn().isEmpty() ? "-" : status.confirmedLsn());
        out.printf("server LSN:      %s%n", status.serverLsn());
        out.printf("lake LSN:        %s%n", status.lakeLsn());
        out.printf(
            "last commit:     %s%n", status.lastCommit().map(Object::toString).orElse("never"));
        out.printf("lag:             %,d bytes, %.1f s%n", status.lagBytes(), status.lagSeconds());
        out.printf("tables:          %s%n", String.join(", ", status.tables()));
        return Main.OK;
      }
    }
  }

  @Command(
      name = "resnapshot",
      mixinStandardHelpOptions = true,
      description = {
        "Make the next run copy every table of a CDC source again (after a dropped replication",
        "slot, or to start over). Existing rows are replaced when the snapshot commits."
      })
  static final class Resnapshot implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(paramLabel = "SOURCE", description = "The postgres-cdc source.")
    String source;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Lakehouse lake = Lakehouse.open(project.directory);
          CdcSource cdc = lake.openCdc(lake.source(source, PostgresCdcSourceConfig.class))) {
        List<String> tables = cdc.replicator().requestResnapshot();
        out.printf(
            "%s: the next `lagoa run` snapshots the source again (%s)%n",
            source, tables.isEmpty() ? "no lake tables yet" : String.join(", ", tables));
        return Main.OK;
      }
    }
  }
}
