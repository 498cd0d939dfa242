package dev.lagoa.api.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.api.JsonBodies;
import dev.lagoa.core.LagoaException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Admits exactly one SELECT statement that reads only tables and views by name, judged by DuckDB's
 * own parser ({@code json_serialize_sql}, which serializes SELECT statements only) rather than by
 * matching text: a second statement after a {@code ;}, or one hidden after a comment, is a second
 * statement in the parse; COPY, EXPORT, ATTACH, INSTALL, LOAD, SET, PRAGMA and every other kind of
 * statement cannot be serialized; a table function ({@code read_csv}, {@code read_text}, {@code
 * glob}, {@code query_table}, ...) or a quoted file path in FROM is refused by walking the tree.
 */
public final class StatementCheck {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private StatementCheck() {}

  /** Refuses {@code sql} with a user-input error saying why, or returns normally. */
  public static void check(Connection connection, String sql, int maxBytes) {
    int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxBytes) {
      throw refused(
          "the statement has " + bytes + " bytes but at most " + maxBytes + " are allowed");
    }
    if (sql.isBlank()) {
      throw refused("the statement is empty");
    }
    JsonNode parsed;
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
      statement.setString(1, sql);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        parsed = JsonBodies.MAPPER.readTree(result.getString(1));
      }
    } catch (SQLException e) {
      throw refused("it cannot be parsed: " + firstLine(e.getMessage()));
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(e, "Cannot read DuckDB's parse of a query: %s", e.getMessage());
    }
    if (parsed.path("error").asBoolean(false)) {
      String message = parsed.path("error_message").asText();
      if (message.contains("Only SELECT")) {
        throw refused("only a SELECT statement may run here");
      }
      throw refused("it cannot be parsed: " + firstLine(message));
    }
    JsonNode statements = parsed.path("statements");
    if (statements.size() != 1) {
      throw refused(
          "it holds " + statements.size() + " statements but exactly one SELECT may run here");
    }
    walk(statements.get(0));
  }

  private static void walk(JsonNode node) {
    if (node.isArray()) {
      node.forEach(StatementCheck::walk);
      return;
    }
    if (!node.isObject()) {
      return;
    }
    String type = node.path("type").asText("");
    if (type.equals("TABLE_FUNCTION")) {
      String function = node.path("function").path("function_name").asText("?");
      throw refused(
          "table function "
              + function
              + " is not allowed here: query the project's tables by name (see lagoa tables)");
    }
    if (type.equals("BASE_TABLE")) {
      String table = node.path("table_name").asText("");
      if (!NAME.matcher(table).matches()) {
        throw refused("'" + table + "' is not a table name: files cannot be read here");
      }
      String catalog = node.path("catalog_name").asText("");
      if (!catalog.isEmpty() && !catalog.toLowerCase(Locale.ROOT).equals("memory")) {
        throw refused("catalog " + catalog + " is not allowed here");
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      walk(fields.next().getValue());
    }
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  static LagoaException refused(String reason) {
    return LagoaException.userInput("Cannot run query: %s", reason);
  }
}
