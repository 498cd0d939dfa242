package dev.lagoa.cli;

import dev.lagoa.cdc.CdcSource;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "pg",
    mixinStandardHelpOptions = true,
    description =
        "The PostgreSQL database of a postgres-cdc source (the embedded one when no url is set).",
    subcommands = {PgCommand.Load.class, PgCommand.Sql.class, CommandLine.HelpCommand.class})
final class PgCommand {
  @Command(
      name = "load",
      mixinStandardHelpOptions = true,
      description = {
        "Create the source's schema, run a SQL script, and COPY CSV files (with a header line)",
        "into the tables named like the files: movies.csv into <schema>.movies."
      })
  static final class Load implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The postgres-cdc source.")
    String source;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "CSV", description = "CSV files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--script", paramLabel = "FILE", description = "SQL run before the copies.")
    Path script;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Lakehouse lake = Lakehouse.open(project.directory);
          CdcSource cdc = lake.openCdc(lake.source(source, PostgresCdcSourceConfig.class))) {
        List<Long> rows = cdc.load(script, files);
        for (int i = 0; i < files.size(); i++) {
          out.printf("%s: %,d rows copied%n", files.get(i), rows.get(i));
        }
        return Main.OK;
      }
    }
  }

  @Command(
      name = "sql",
      mixinStandardHelpOptions = true,
      description = "Run SQL statements on the source database (one transaction).")
  static final class Sql implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "The postgres-cdc source.")
    String source;

    @Parameters(index = "1", paramLabel = "SQL", description = "Statements to run.")
    String sql;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Lakehouse lake = Lakehouse.open(project.directory);
          CdcSource cdc = lake.openCdc(lake.source(source, PostgresCdcSourceConfig.class))) {
        out.printf("%,d rows changed%n", cdc.execute(sql));
        return Main.OK;
      }
    }
  }
}
