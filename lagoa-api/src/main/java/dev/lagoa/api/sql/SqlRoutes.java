package dev.lagoa.api.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.api.ApiError;
import dev.lagoa.api.JsonBodies;
import dev.lagoa.api.auth.Role;
import dev.lagoa.core.LagoaException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code POST /api/v1/sql} (analyst): {@code {"sql": "SELECT ...", "format": "json"|"csv",
 * "max_rows": 100}} answers the rows of one read-only query, as JSON or CSV ({@code format} or
 * {@code Accept: text/csv}). A refused statement is a 400 saying why; a query over the time limit a
 * 408.
 */
public final class SqlRoutes {
  public static final String PATH = "/api/v1/sql";

  private final SafeQueries queries;

  public SqlRoutes(SafeQueries queries) {
    this.queries = queries;
  }

  public void install(JavalinConfig config) {
    config.routes.post(PATH, this::query, Role.ANALYST);
  }

  private void query(Context ctx) {
    JsonNode body = JsonBodies.readObject(ctx);
    String sql = JsonBodies.requiredString(body, "sql");
    String format = body.path("format").asText("");
    if (format.isEmpty()) {
      String accept = ctx.header("Accept");
      format = accept != null && accept.contains("text/csv") ? "csv" : "json";
    }
    if (!format.equals("json") && !format.equals("csv")) {
      throw new ApiError(
          400, "bad_body", "format", "format was '" + format + "' but it must be json or csv");
    }
    int maxRows = queries.limits().maxRows();
    if (body.has("max_rows")) {
      JsonNode value = body.get("max_rows");
      if (!value.canConvertToInt() || value.asInt() < 1) {
        throw new ApiError(
            400,
            "bad_body",
            "max_rows",
            "max_rows was '" + value.asText() + "' but it must be a positive whole number");
      }
      maxRows = value.asInt();
    }
    SafeResult result;
    try {
      result = queries.run(sql, maxRows);
    } catch (QueryTimedOut e) {
      throw new ApiError(408, "query_timeout", "sql", e.getMessage());
    } catch (LagoaException e) {
      throw new ApiError(400, "query_refused", "sql", e.getMessage());
    }
    ctx.header("Lagoa-Truncated", Boolean.toString(result.truncated()));
    if (format.equals("csv")) {
      ctx.status(200).contentType("text/csv; charset=utf-8").result(csv(result));
      return;
    }
    ObjectNode response = JsonBodies.object();
    ArrayNode columns = response.putArray("columns");
    for (int i = 0; i < result.columns().size(); i++) {
      columns.addObject().put("name", result.columns().get(i)).put("type", result.types().get(i));
    }
    ArrayNode rows = response.putArray("rows");
    for (List<Object> row : result.rows()) {
      ObjectNode holder = JsonBodies.object();
      ArrayNode values = rows.addArray();
      for (int i = 0; i < row.size(); i++) {
        JsonBodies.put(holder, "v", row.get(i));
        values.add(holder.get("v"));
      }
    }
    response.put("row_count", result.rows().size()).put("truncated", result.truncated());
    JsonBodies.send(ctx, 200, response);
  }

  /** The rows as CSV (RFC 4180 quoting, NULL as an empty cell), header first. */
  public static String csv(SafeResult result) {
    StringBuilder text = new StringBuilder();
    line(text, result.columns().stream().map(c -> (Object) c).toList());
    result.rows().forEach(row -> line(text, row));
    return text.toString();
  }

  private static void line(StringBuilder text, List<Object> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      Object value = values.get(i);
      if (value == null) {
        continue;
      }
      String cell = value.toString();
      if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
        cell = "\"" + cell.replace("\"", "\"\"") + "\"";
      }
      text.append(cell);
    }
    text.append('\n');
  }
}
