package dev.lagoa.models.functions;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;

/**
 * Registers in DuckDB the Spark SQL functions that models use and DuckDB lacks, with Spark's
 * semantics, so one model file runs on both engines:
 *
 * <ul>
 *   <li>{@code initcap(s)}: lower-cases, then upper-cases the first letter after each space
 *   <li>{@code to_timestamp(s, pattern)}, {@code to_date(s, pattern)}, {@code to_date(s)}: Java
 *       patterns, English names, NULL when the text does not match (Spark outside ANSI mode)
 *   <li>{@code datediff(end, start)}: days from start to end
 *   <li>{@code timestamp_seconds(n)}: the TIMESTAMP {@code n} seconds after the epoch (UTC)
 * </ul>
 *
 * The Java functions are the general path; {@link PortableSql} rewrites calls with a literal
 * pattern to DuckDB's own {@code strptime} before they get here. Registration is per database and
 * idempotent.
 */
public final class SparkFunctions {
  private SparkFunctions() {}

  public static void register(DuckEngine engine) {
    synchronized (SparkFunctions.class) {
      if (engine.queryLong(
              "SELECT count(*) FROM duckdb_functions() WHERE function_name = 'initcap'")
          > 0) {
        return;
      }
      engine.execute(
          "CREATE OR REPLACE MACRO initcap(s) AS array_to_string("
              + "list_transform(string_split(lower(s), ' '), lambda w: upper(w[1]) || w[2:]), ' ')");
      engine.execute(
          "CREATE OR REPLACE MACRO timestamp_seconds(n) AS make_timestamp(CAST(round(CAST(n AS DOUBLE) * 1000000) AS BIGINT))");
      try {
        register(
            engine, "to_timestamp", DuckDBColumnType.TIMESTAMP, JavaDatePatterns::parseTimestamp);
        register(engine, "to_date", DuckDBColumnType.DATE, JavaDatePatterns::parseDate);
        DuckDBFunctions.scalarFunction()
            .withName("to_date")
            .withParameter(DuckDBColumnType.VARCHAR)
            .withReturnType(DuckDBColumnType.DATE)
            .withNullInNullOut()
            .withFunction((Function<String, LocalDate>) SparkFunctions::parseIsoDate)
            .register(engine.connection());
        DuckDBFunctions.scalarFunction()
            .withName("datediff")
            .withParameters(DuckDBColumnType.DATE, DuckDBColumnType.DATE)
            .withReturnType(DuckDBColumnType.INTEGER)
            .withNullInNullOut()
            .withFunction(
                (BiFunction<LocalDate, LocalDate, Integer>)
                    (end, start) -> (int) ChronoUnit.DAYS.between(start, end))
            .register(engine.connection());
      } catch (SQLException e) {
        throw LagoaException.internal(
            e, "Cannot register Spark functions in DuckDB: %s", e.getMessage());
      }
    }
  }

  private static void register(
      DuckEngine engine,
      String name,
      DuckDBColumnType returnType,
      BiFunction<String, String, ?> parse)
      throws SQLException {
    DuckDBFunctions.scalarFunction()
        .withName(name)
        .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
        .withReturnType(returnType)
        .withNullInNullOut()
        .withFunction(parse)
        .register(engine.connection());
  }

  private static LocalDate parseIsoDate(String text) {
    LocalDateTime timestamp =
        JavaDatePatterns.parseTimestamp(
            text.trim(),
            text.trim().length() > 10 ? "yyyy-MM-dd[' ']['T']HH:mm[:ss]" : "yyyy-MM-dd");
    return timestamp == null ? null : timestamp.toLocalDate();
  }
}
