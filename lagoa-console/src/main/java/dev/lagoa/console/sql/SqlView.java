package dev.lagoa.console.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.api.sql.SafeResult;
import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL page (analysts): the table list, the editor, and a result as a table the chart controls
 * read their data from.
 */
public final class SqlView {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Editor(List<String> tables, String sql, int maxRows) {}

  /**
   * A query's answer.
   *
   * @param error why the query was refused or failed, empty when it ran
   * @param data the columns and rows as JSON, for the chart
   * @param numeric per column, whether every value is a number (what a chart can draw)
   */
  public record Result(
      String error,
      List<String> columns,
      List<String> types,
      List<List<String>> rows,
      List<Boolean> numeric,
      boolean truncated,
      String data,
      String elapsed) {
    public static Result refused(String error) {
      return new Result(error, List.of(), List.of(), List.of(), List.of(), false, "{}", "");
    }

    public int rowCount() {
      return rows.size();
    }
  }

  private SqlView() {}

  public static Result of(SafeResult result, String elapsed) {
    List<List<String>> rows = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    result.columns().forEach(column -> numeric.add(!result.rows().isEmpty()));
    ObjectNode data = JSON.createObjectNode();
    ArrayNode columns = data.putArray("columns");
    result.columns().forEach(columns::add);
    ArrayNode values = data.putArray("rows");
    for (List<Object> row : result.rows()) {
      List<String> cells = new ArrayList<>();
      ArrayNode json = values.addArray();
      for (int i = 0; i < row.size(); i++) {
        Object value = row.get(i);
        cells.add(value == null ? "NULL" : value.toString());
        if (value instanceof Number number) {
          json.add(number.doubleValue());
        } else {
          json.add(value == null ? null : value.toString());
          if (value != null) {
            numeric.set(i, false);
          }
        }
      }
      rows.add(cells);
    }
    try {
      return new Result(
          "",
          result.columns(),
          result.types(),
          rows,
          numeric,
          result.truncated(),
          JSON.writeValueAsString(data),
          elapsed);
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(e, "Cannot write the result as JSON: %s", e.getMessage());
    }
  }
}
