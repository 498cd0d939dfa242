package dev.lagoa.duckdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * Finds, in a user's query, the simple conditions Iceberg can use to skip data files: for a query
 * reading one table, each {@code column op constant} (and {@code BETWEEN}) joined by {@code AND} in
 * its WHERE clause. The query is parsed by DuckDB itself ({@code json_serialize_sql}).
 *
 * <p>Only ever narrows which files are read, never which rows a query returns: DuckDB still applies
 * the whole WHERE clause, so anything not understood here is simply not used for pruning.
 */
public final class ScanPredicates {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The table a query reads and the conditions on it, by column name as written. */
  public record TableFilter(List<String> table, List<Condition> conditions) {
    public TableFilter {
      table = List.copyOf(table);
      conditions = List.copyOf(conditions);
    }
  }

  /**
   * {@code column op value}; value is a String, Long, BigDecimal or Double as the query wrote it.
   */
  public record Condition(String column, String operator, Object value) {
    /** The Iceberg form, for a column that has the given name in the table. */
    public Expression toIceberg(String tableColumn) {
      return switch (operator) {
        case "COMPARE_EQUAL" -> Expressions.equal(tableColumn, value);
        case "COMPARE_LESSTHAN" -> Expressions.lessThan(tableColumn, value);
        case "COMPARE_LESSTHANOREQUALTO" -> Expressions.lessThanOrEqual(tableColumn, value);
        case "COMPARE_GREATERTHAN" -> Expressions.greaterThan(tableColumn, value);
        case "COMPARE_GREATERTHANOREQUALTO" -> Expressions.greaterThanOrEqual(tableColumn, value);
        default -> Expressions.alwaysTrue();
      };
    }
  }

  private ScanPredicates() {}

  /** The single table a plain SELECT reads and its usable conditions; empty for anything else. */
  public static Optional<TableFilter> of(DuckEngine engine, String sql) {
    JsonNode root;
    try (PreparedStatement statement =
        engine.connection().prepareStatement("SELECT json_serialize_sql(?)")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        root = JSON.readTree(result.getString(1));
      }
    } catch (SQLException | IOException e) {
      return Optional.empty(); // not parseable here: DuckDB will say why when the query runs
    }
    JsonNode statements = root.path("statements");
    if (root.path("error").asBoolean(true) || statements.size() != 1) {
      return Optional.empty();
    }
    JsonNode select = statements.get(0).path("node");
    JsonNode from = select.path("from_table");
    if (!"SELECT_NODE".equals(select.path("type").asText())
        || !"BASE_TABLE".equals(from.path("type").asText())) {
      return Optional.empty();
    }
    List<String> table = new ArrayList<>();
    if (!from.path("schema_name").asText().isEmpty()) {
      table.add(from.path("schema_name").asText());
    }
    table.add(from.path("table_name").asText());
    String alias = from.path("alias").asText();
    List<Condition> conditions = new ArrayList<>();
    collect(select.path("where_clause"), alias, table.get(table.size() - 1), conditions);
    return conditions.isEmpty()
        ? Optional.empty()
        : Optional.of(new TableFilter(table, conditions));
  }

  private static void collect(JsonNode node, String alias, String tableName, List<Condition> out) {
    String type = node.path("type").asText();
    if (type.equals("CONJUNCTION_AND")) {
      node.path("children").forEach(child -> collect(child, alias, tableName, out));
    } else if (type.startsWith("COMPARE_") && node.has("left")) {
      Optional<String> column = column(node.path("left"), alias, tableName);
      Optional<Object> value = constant(node.path("right"));
      if (column.isPresent() && value.isPresent()) {
        out.add(new Condition(column.get(), type, value.get()));
      }
    } else if (type.equals("COMPARE_BETWEEN")) {
      Optional<String> column = column(node.path("input"), alias, tableName);
      Optional<Object> lower = constant(node.path("lower"));
      Optional<Object> upper = constant(node.path("upper"));
      if (column.isPresent() && lower.isPresent() && upper.isPresent()) {
        out.add(new Condition(column.get(), "COMPARE_GREATERTHANOREQUALTO", lower.get()));
        out.add(new Condition(column.get(), "COMPARE_LESSTHANOREQUALTO", upper.get()));
      }
    }
  }

  private static Optional<String> column(JsonNode node, String alias, String tableName) {
    if (!"COLUMN_REF".equals(node.path("type").asText())) {
      return Optional.empty();
    }
    JsonNode names = node.path("column_names");
    if (names.size() == 1) {
      return Optional.of(names.get(0).asText());
    }
    String qualifier = names.get(names.size() - 2).asText().toLowerCase(Locale.ROOT);
    boolean ours =
        qualifier.equals(alias.toLowerCase(Locale.ROOT))
            || qualifier.equals(tableName.toLowerCase(Locale.ROOT));
    return names.size() == 2 && ours ? Optional.of(names.get(1).asText()) : Optional.empty();
  }

  /** A literal, or a literal cast to a date or timestamp type (as DATE '2025-10-29' parses). */
  private static Optional<Object> constant(JsonNode node) {
    String type = node.path("type").asText();
    if (type.equals("OPERATOR_CAST")) {
      String target = node.path("type_expr").path("type_name").asText().toUpperCase(Locale.ROOT);
      boolean temporal = target.equals("DATE") || target.equals("TIMESTAMP");
      return temporal
          ? constant(node.path("child")).filter(String.class::isInstance)
          : Optional.empty();
    }
    if (!type.equals("VALUE_CONSTANT")) {
      return Optional.empty();
    }
    JsonNode literal = node.path("literal");
    String text = literal.path("text").asText();
    try {
      return switch (literal.path("kind").asText()) {
        case "STRING" -> Optional.of(text);
        case "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT" ->
            Optional.of(Long.parseLong(text));
        case "DECIMAL" -> Optional.of(new BigDecimal(text));
        case "DOUBLE", "FLOAT" -> Optional.of(Double.parseDouble(text));
        default -> Optional.empty();
      };
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
