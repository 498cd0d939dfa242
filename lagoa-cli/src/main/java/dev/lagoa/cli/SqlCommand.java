package dev.lagoa.cli;

import dev.lagoa.api.sql.SafeQueries;
import dev.lagoa.api.sql.SafeResult;
import dev.lagoa.core.LagoaException;
import dev.lagoa.runtime.AsOf;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.QueryResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "sql",
    description = "Run a read-only SQL query over the project's tables.")
final class SqlCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Parameters(
      index = "0",
      paramLabel = "QUERY",
      description = "The query, e.g. \"SELECT count(*) FROM imdb_titles\".")
  String query;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  ResultFormat format;

  @Option(
      names = "--as-of",
      paramLabel = "SNAPSHOT|TIME",
      description =
          "Read every table as of one moment: a time such as 2025-10-29T11:00:00Z, or a snapshot"
              + " id (from lagoa history), which means the time that snapshot was committed.")
  String asOf;

  /** Rows a table on the terminal shows unless --max-rows says otherwise. */
  static final int TABLE_MAX_ROWS = 10_000;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      description = {
        "Print at most N rows; 0 prints all. Default: "
            + TABLE_MAX_ROWS
            + " for --format table, all rows for csv and json (exports are never cut unless asked).",
        "When the limit cuts the result, a note on standard error says so."
      })
  Integer maxRows;

  @Option(
      names = "--show-scans",
      description = "Print how many data files of each table Iceberg's pruning left to read.")
  boolean showScans;

  @Option(
      names = "--safe",
      description =
          "Apply the rules of the API's SQL endpoint: one SELECT over the project's tables only, no"
              + " file access, the row and time limits of api.sql in lagoa.yaml.")
  boolean safe;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (safe) {
      return callSafe();
    }
    try (Lakehouse lake = Lakehouse.open(project.directory)) {
      int limit = rowLimit();
      QueryResult result = lake.sql(query, asOf == null ? null : AsOf.parse(asOf), limit);
      format.print(spec.commandLine().getOut(), result);
      result.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
      if (result.truncated()) {
        // On standard error, so a csv or json export stays well-formed.
        spec.commandLine()
            .getErr()
            .printf(
                "note: only the first %,d rows are shown; the query returned more (use --max-rows N,"
                    + " or --max-rows 0 for all)%n",
                limit);
      }
      if (showScans) {
        result.scans().forEach(scan -> spec.commandLine().getErr().println("scan: " + scan));
      }
    }
    return Main.OK;
  }

  private int rowLimit() {
    if (maxRows == null) {
      return format == ResultFormat.table ? TABLE_MAX_ROWS : Integer.MAX_VALUE;
    }
    if (maxRows < 0) {
      throw LagoaException.userInput(
          "Cannot run query: --max-rows was %d but it must be 0 (all rows) or more", maxRows);
    }
    return maxRows == 0 ? Integer.MAX_VALUE : maxRows;
  }

  private Integer callSafe() {
    if (asOf != null) {
      throw LagoaException.userInput(
          "Cannot use --as-of with --safe: safe queries read current tables");
    }
    try (Lakehouse lake = Lakehouse.open(project.directory);
        SafeQueries queries =
            new SafeQueries(lake.catalog(), lake.config().directory(), lake.config().api().sql())) {
      int limit = rowLimit();
      SafeResult result = queries.run(query, limit);
      List<List<String>> rows =
          result.rows().stream()
              .map(
                  row ->
                      row.stream().map(value -> value == null ? null : value.toString()).toList())
              .toList();
      format.print(
          spec.commandLine().getOut(),
          new QueryResult(result.columns(), result.types(), rows, List.of(), List.of()));
      if (result.truncated()) {
        spec.commandLine()
            .getErr()
            .printf("(cut at %d rows)%n", Math.min(limit, queries.limits().maxRows()));
      }
    }
    return Main.OK;
  }
}
