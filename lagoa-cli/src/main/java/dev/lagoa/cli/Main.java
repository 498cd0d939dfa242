package dev.lagoa.cli;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code lagoa} command. Subcommands are thin: they parse arguments, call the runtime, print.
 */
@Command(
    name = "lagoa",
    mixinStandardHelpOptions = true,
    version = "lagoa 0.1.0",
    description = "A local-first lakehouse: Iceberg tables, DuckDB, incremental loaders.",
    subcommands = {
      RunCommand.class,
      ScrapeCommand.class,
      TestCommand.class,
      CompileCommand.class,
      StatusCommand.class,
      SqlCommand.class,
      TablesCommand.class,
      DescribeCommand.class,
      HistoryCommand.class,
      ServeCommand.class,
      RunsCommand.class,
      MaintainCommand.class,
      TrainCommand.class,
      MlCommand.class,
      DemoCommand.class,
      RelocateCommand.class,
      UsersCommand.class,
      CdcCommand.class,
      PgCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int BAD_INPUT = 2;

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, command, parsed) -> {
          err.println("error: " + exception.getMessage());
          if (!(exception instanceof LagoaException lagoa)
              || lagoa.category() == ErrorCategory.INTERNAL) {
            exception.printStackTrace(err);
          }
          return exitCode(exception);
        });
    return commandLine.execute(args);
  }

  /** The one place errors become exit codes. */
  static int exitCode(Exception exception) {
    return exception instanceof LagoaException lagoa ? exitCode(lagoa.category()) : INTERNAL_ERROR;
  }

  static int exitCode(ErrorCategory category) {
    return switch (category) {
      case USER_INPUT -> BAD_INPUT;
      case EXTERNAL, INTERNAL -> INTERNAL_ERROR;
    };
  }
}
