package dev.lagoa.models.compile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What in a model's SQL falls outside Lagoa's portable SQL subset: the functions and constructs
 * that DuckDB and Spark both run with the same results. A model built on Spark ({@code engine:
 * spark}) must keep to it, so that alternating engines run by run gives the same tables.
 *
 * <p>The SQL is parsed by DuckDB ({@code json_serialize_sql}), not matched by patterns, and the
 * parse tree walked: every function call must be in {@link #FUNCTIONS}; DuckDB-only syntax
 * (QUALIFY, {@code * EXCLUDE}, {@code COLUMNS(...)}, DISTINCT ON, list indexing, ASOF and
 * POSITIONAL joins, USING SAMPLE, PIVOT, lambdas, table functions) is named. Functions that exist
 * under the same name in both engines but give different results are left out on purpose, with the
 * reason in {@link #TRAPS}.
 */
public final class SparkPortability {
  /** A construct outside the subset, at a character offset of the parsed SQL. */
  public record Construct(String name, int offset, String reason) {}

  /** Function names as DuckDB's parser reports them (operators included). */
  static final Set<String> FUNCTIONS =
      Set.of(
          // operators
          "+",
          "-",
          "*",
          "/",
          "%",
          "||",
          "~~",
          "!~~",
          "~~*",
          "!~~*",
          // aggregates
          "count",
          "count_star",
          "sum",
          "avg",
          "mean",
          "min",
          "max",
          "stddev",
          "stddev_samp",
          "stddev_pop",
          "variance",
          "var_samp",
          "var_pop",
          "any_value",
          "bool_and",
          "bool_or",
          "corr",
          "covar_pop",
          "covar_samp",
          "median",
          "count_if",
          "max_by",
          "min_by",
          // window functions
          "row_number",
          "rank",
          "dense_rank",
          "percent_rank",
          "cume_dist",
          "ntile",
          "lag",
          "lead",
          "first_value",
          "last_value",
          "nth_value",
          // numbers
          "abs",
          "ceil",
          "ceiling",
          "floor",
          "round",
          "sqrt",
          "exp",
          "ln",
          "log10",
          "log2",
          "power",
          "pow",
          "sign",
          "greatest",
          "least",
          "pi",
          "sin",
          "cos",
          "tan",
          "asin",
          "acos",
          "atan",
          "atan2",
          "degrees",
          "radians",
          // conditionals and NULLs
          "coalesce",
          "nullif",
          "ifnull",
          "if",
          // text
          "lower",
          "upper",
          "lcase",
          "ucase",
          "length",
          "char_length",
          "character_length",
          "trim",
          "ltrim",
          "rtrim",
          "substring",
          "substr",
          "replace",
          "concat_ws",
          "lpad",
          "rpad",
          "left",
          "right",
          "reverse",
          "repeat",
          "instr",
          "position",
          "contains",
          "split_part",
          "regexp_extract",
          "initcap",
          "md5",
          // dates and times (to_timestamp, to_date, date_format, datediff: Spark's spelling,
          // rewritten for DuckDB by PortableSql; timestamp_seconds and initcap: registered in
          // DuckDB)
          "year",
          "month",
          "day",
          "dayofmonth",
          "dayofyear",
          "hour",
          "minute",
          "second",
          "quarter",
          "weekofyear",
          "date_trunc",
          "date_part",
          "current_date",
          "current_timestamp",
          "make_date",
          "last_day",
          "to_timestamp",
          "to_date",
          "date_format",
          "datediff",
          "timestamp_seconds");

  /** Functions both engines have whose results differ, and why. */
  static final Map<String, String> TRAPS =
      Map.of(
          "concat",
          "DuckDB's concat skips NULL arguments, Spark's returns NULL; use || (NULL in both) or"
              + " concat_ws",
          "regexp_replace",
          "DuckDB replaces the first match, Spark every match",
          "dayofweek",
          "DuckDB counts Sunday as 0, Spark as 1",
          "split",
          "DuckDB splits on a string, Spark on a regular expression; use split_part",
          "approx_count_distinct",
          "the two engines' estimates differ",
          "first",
          "the row it picks is not defined and differs between engines; use min_by/max_by",
          "last",
          "the row it picks is not defined and differs between engines; use min_by/max_by",
          "date_add",
          "DuckDB adds an interval, Spark a number of days; use + INTERVAL n DAY",
          "//",
          "integer division is DuckDB's; use CAST(floor(a / b) AS BIGINT)");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SparkPortability() {}

  /**
   * The constructs outside the subset in {@code sql}, in the order they appear; none when the SQL
   * does not parse (binding reports that).
   */
  public static List<Construct> check(DuckEngine engine, String sql) {
    JsonNode tree;
    try (PreparedStatement statement =
        engine.connection().prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        tree = JSON.readTree(result.getString(1));
      }
    } catch (SQLException | IOException e) {
      throw LagoaException.internal(e, "Cannot parse model SQL for the portability check");
    }
    List<Construct> found = new ArrayList<>();
    if (!tree.path("error").asBoolean(false)) {
      walk(tree.path("statements"), found);
    }
    found.sort(java.util.Comparator.comparingInt(Construct::offset));
    return found;
  }

  private static void walk(JsonNode node, List<Construct> found) {
    if (node.isArray()) {
      node.forEach(child -> walk(child, found));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    inspect(node, found);
    node.fields().forEachRemaining(field -> walk(field.getValue(), found));
  }

  private static void inspect(JsonNode node, List<Construct> found) {
    String kind = node.path("class").asText(node.path("type").asText(""));
    int at = node.path("query_location").asInt(0);
    switch (kind) {
      case "FUNCTION", "WINDOW" -> {
        String name = node.path("function_name").asText("").toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.contains(name)) {
          String shown = name.equals("count_star") ? "count(*)" : name;
          found.add(
              new Construct(
                  shown,
                  at,
                  TRAPS.getOrDefault(
                      name,
                      "not in the portable subset (functions both engines run alike; see the"
                          + " README's \"Portable SQL\")")));
        }
      }
      case "SELECT_NODE" -> {
        if (!node.path("qualify").isMissingNode() && !node.path("qualify").isNull()) {
          found.add(
              new Construct(
                  "QUALIFY",
                  node.path("qualify").path("query_location").asInt(0),
                  "Spark has no QUALIFY; filter on the window function in an outer query"));
        }
        if (!node.path("sample").isMissingNode() && !node.path("sample").isNull()) {
          found.add(new Construct("USING SAMPLE", at, "DuckDB-only sampling syntax"));
        }
      }
      case "DISTINCT_MODIFIER" -> {
        if (node.path("distinct_on_targets").size() > 0) {
          found.add(
              new Construct(
                  "DISTINCT ON",
                  node.path("distinct_on_targets").get(0).path("query_location").asInt(0),
                  "Spark has no DISTINCT ON; use row_number() in a subquery"));
        }
      }
      case "STAR" -> {
        if (node.path("exclude_list").size() > 0) {
          found.add(new Construct("* EXCLUDE", at, "Spark has no EXCLUDE; list the columns"));
        }
        if (node.path("replace_list").size() > 0) {
          found.add(new Construct("* REPLACE", at, "Spark has no REPLACE; list the columns"));
        }
        if (node.path("columns").asBoolean(false)) {
          found.add(new Construct("COLUMNS(...)", at, "DuckDB-only; list the columns"));
        }
      }
      case "OPERATOR" -> {
        String type = node.path("type").asText("");
        if (type.equals("ARRAY_EXTRACT") || type.equals("ARRAY_SLICE")) {
          found.add(
              new Construct(
                  "list index [...]",
                  at,
                  "DuckDB counts list positions from 1, Spark from 0; use element_at"
                      + " (not portable either) or unnest the list upstream"));
        }
      }
      case "LAMBDA" -> found.add(new Construct("lambda", at, "DuckDB-only lambda syntax"));
      default -> {
        switch (node.path("type").asText("")) {
          case "JOIN" -> {
            String join = node.path("ref_type").asText("");
            if (join.equals("ASOF") || join.equals("POSITIONAL")) {
              found.add(new Construct(join + " JOIN", at, "DuckDB-only join"));
            }
          }
          case "PIVOT" ->
              found.add(new Construct("PIVOT", at, "DuckDB's PIVOT syntax differs from Spark's"));
          case "TABLE_FUNCTION" ->
              found.add(
                  new Construct(
                      "table function", at, "models read tables through ref() and source()"));
          default -> {}
        }
      }
    }
  }
}
