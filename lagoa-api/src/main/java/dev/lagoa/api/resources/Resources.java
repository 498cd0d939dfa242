package dev.lagoa.api.resources;

import static dev.lagoa.duckdb.DuckTypes.quote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.api.ApiError;
import dev.lagoa.api.JsonBodies;
import dev.lagoa.api.auth.Role;
import dev.lagoa.core.config.ApiConfig;
import dev.lagoa.core.config.ApiCounts;
import dev.lagoa.core.config.ApiResource;
import dev.lagoa.core.config.ApiStats;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * The declared read endpoints: for each resource {@code GET /api/v1/<name>} and {@code GET
 * /api/v1/<name>/{key}}; for each count and stats declaration {@code GET /api/v1/<name>}. Every
 * response names the snapshot it read ({@value #SNAPSHOT_HEADER}) and carries it as its ETag; a
 * client pins a snapshot with {@code ?snapshot=<id>} (the page links do).
 */
public final class Resources {
  public static final String SNAPSHOT_HEADER = "Lagoa-Snapshot";
  public static final String PREFIX = "/api/v1/";

  private final ApiConfig api;
  private final TableSnapshots tables;
  private final ReadConnections connections;

  public Resources(ApiConfig api, TableSnapshots tables, ReadConnections connections) {
    this.api = api;
    this.tables = tables;
    this.connections = connections;
  }

  public void install(JavalinConfig config) {
    for (ApiResource resource : api.resources().values()) {
      config.routes.get(PREFIX + resource.name(), ctx -> list(ctx, resource), Role.READER);
      config.routes.get(
          PREFIX + resource.name() + "/{key}", ctx -> one(ctx, resource), Role.READER);
    }
    for (ApiCounts counts : api.counts().values()) {
      config.routes.get(PREFIX + counts.name(), ctx -> counts(ctx, counts), Role.READER);
    }
    for (ApiStats stats : api.stats().values()) {
      config.routes.get(PREFIX + stats.name(), ctx -> stats(ctx, stats), Role.READER);
    }
  }

  private void list(Context ctx, ApiResource resource) throws Exception {
    Parameters parameters = new Parameters(ctx.queryParamMap(), ListQuery.parameters(resource));
    list(ctx, resource, parameters, tables.read(resource.table(), parameters.snapshot()));
  }

  private void list(
      Context ctx, ApiResource resource, Parameters parameters, TableSnapshots.Read read)
      throws Exception {
    if (notModified(ctx, read)) {
      return;
    }
    ListQuery query = ListQuery.of(resource, parameters, read.table().schema());
    String columns = columns(resource, read.table().schema());
    if (read.rows().isPresent() && read.rows().get().canServe(query)) {
      SnapshotRows rows = read.rows().get();
      List<Object[]> selected = rows.select(query);
      ObjectNode body = JsonBodies.object();
      ArrayNode data = body.putArray("data");
      long from = (long) (query.page - 1) * query.size;
      for (long i = from; i < Math.min(selected.size(), from + query.size); i++) {
        ObjectNode row = data.addObject();
        for (String column : resource.columns()) {
          JsonBodies.put(row, column, rows.value(selected.get((int) i), column));
        }
      }
      sendPage(ctx, body, query, read, selected.size());
      return;
    }
    String from = " FROM " + read.relation() + " AS t" + query.where;
    ObjectNode body = JsonBodies.object();
    ArrayNode data = body.putArray("data");
    long total =
        connections.with(
            connection -> {
              long[] count = {-1};
              try (PreparedStatement statement =
                  connection.prepareStatement(
                      "SELECT "
                          + columns
                          + ", count(*) OVER () AS \"__total\""
                          + from
                          + query.orderBy
                          + " LIMIT "
                          + query.size
                          + " OFFSET "
                          + (long) (query.page - 1) * query.size)) {
                bind(statement, query.values);
                try (ResultSet rows = statement.executeQuery()) {
                  ResultSetMetaData meta = rows.getMetaData();
                  while (rows.next()) {
                    ObjectNode row = data.addObject();
                    for (int i = 1; i < meta.getColumnCount(); i++) {
                      JsonBodies.put(row, meta.getColumnLabel(i), rows.getObject(i));
                    }
                    count[0] = rows.getLong(meta.getColumnCount());
                  }
                }
              }
              if (count[0] < 0) { // a page past the end: count on its own
                try (PreparedStatement statement =
                    connection.prepareStatement("SELECT count(*)" + from)) {
                  bind(statement, query.values);
                  try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    count[0] = rows.getLong(1);
                  }
                }
              }
              return count[0];
            });
    sendPage(ctx, body, query, read, total);
  }

  private static void sendPage(
      Context ctx, ObjectNode body, ListQuery query, TableSnapshots.Read read, long total) {
    long pages = (total + query.size - 1) / query.size;
    body.put("page", query.page).put("size", query.size).put("total", total).put("pages", pages);
    body.put("snapshot", read.label());
    ObjectNode links = body.putObject("links");
    links.put("self", link(ctx, query, read, query.page));
    links.put("first", link(ctx, query, read, 1));
    if (query.page > 1) {
      links.put("prev", link(ctx, query, read, Math.min(query.page - 1, Math.max(1, pages))));
    }
    if (query.page < pages) {
      links.put("next", link(ctx, query, read, query.page + 1));
    }
    links.put("last", link(ctx, query, read, Math.max(1, pages)));
    JsonBodies.send(ctx, 200, body);
  }

  private void one(Context ctx, ApiResource resource) throws Exception {
    Parameters parameters = new Parameters(ctx.queryParamMap(), Set.of("snapshot"));
    one(ctx, resource, tables.read(resource.table(), parameters.snapshot()));
  }

  private void one(Context ctx, ApiResource resource, TableSnapshots.Read read) throws Exception {
    if (notModified(ctx, read)) {
      return;
    }
    Schema schema = read.table().schema();
    Object key =
        ColumnValues.parse(
            resource.key(), ctx.pathParam("key"), field(resource, schema, resource.key()).type());
    String sql =
        "SELECT "
            + columns(resource, schema)
            + " FROM "
            + read.relation()
            + " AS t WHERE "
            + quote(resource.key())
            + " = ? LIMIT 2";
    ObjectNode row =
        connections.with(
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, List.of(key));
                try (ResultSet rows = statement.executeQuery()) {
                  if (!rows.next()) {
                    return null;
                  }
                  ObjectNode found = JsonBodies.object();
                  ResultSetMetaData meta = rows.getMetaData();
                  for (int i = 1; i <= meta.getColumnCount(); i++) {
                    JsonBodies.put(found, meta.getColumnLabel(i), rows.getObject(i));
                  }
                  return found;
                }
              }
            });
    if (row == null) {
      throw ApiError.notFound(
          resource.name()
              + " has no row with "
              + resource.key()
              + " '"
              + ctx.pathParam("key")
              + "'");
    }
    JsonBodies.send(ctx, 200, row);
  }

  private void counts(Context ctx, ApiCounts counts) throws Exception {
    Parameters parameters = new Parameters(ctx.queryParamMap(), Set.of("snapshot"));
    counts(ctx, counts, tables.read(counts.table(), parameters.snapshot()));
  }

  private void counts(Context ctx, ApiCounts counts, TableSnapshots.Read read) throws Exception {
    if (notModified(ctx, read)) {
      return;
    }
    String column = quote(counts.column());
    ObjectNode body = JsonBodies.object();
    ArrayNode data = body.putArray("data");
    connections.with(
        connection -> {
          query(
              connection,
              "SELECT "
                  + column
                  + ", count(*) AS count FROM "
                  + read.relation()
                  + " AS t GROUP BY 1 ORDER BY 2 DESC, 1 ASC NULLS LAST",
              rows -> {
                ObjectNode item = data.addObject();
                JsonBodies.put(item, counts.column(), rows.getObject(1));
                item.put("count", rows.getLong(2));
              });
          return null;
        });
    body.put("snapshot", read.label());
    JsonBodies.send(ctx, 200, body);
  }

  private void stats(Context ctx, ApiStats stats) throws Exception {
    Parameters parameters = new Parameters(ctx.queryParamMap(), Set.of("snapshot"));
    stats(ctx, stats, tables.read(stats.table(), parameters.snapshot()));
  }

  private void stats(Context ctx, ApiStats stats, TableSnapshots.Read read) throws Exception {
    if (notModified(ctx, read)) {
      return;
    }
    String from = " FROM " + read.relation() + " AS t";
    ObjectNode body = JsonBodies.object();
    connections.with(
        connection -> {
          query(connection, "SELECT count(*)" + from, rows -> body.put("total", rows.getLong(1)));
          for (String column : stats.groupBy()) {
            ObjectNode groups = body.putObject("by_" + column);
            query(
                connection,
                "SELECT "
                    + quote(column)
                    + ", count(*)"
                    + from
                    + " GROUP BY 1 ORDER BY 1 NULLS LAST",
                rows -> groups.put(String.valueOf(rows.getObject(1)), rows.getLong(2)));
          }
          for (String column : stats.distribution()) {
            ObjectNode groups = body.putObject(column + "_distribution");
            query(
                connection,
                "SELECT "
                    + quote(column)
                    + ", count(*)"
                    + from
                    + " GROUP BY 1 ORDER BY 1 NULLS LAST",
                rows -> groups.put(String.valueOf(rows.getObject(1)), rows.getLong(2)));
          }
          for (String column : stats.measures()) {
            ObjectNode measure = body.putObject(column);
            String c = quote(column);
            query(
                connection,
                "SELECT min(" + c + "), avg(" + c + "), max(" + c + ")" + from,
                rows -> {
                  JsonBodies.put(measure, "min", rows.getObject(1));
                  JsonBodies.put(measure, "avg", rows.getObject(2));
                  JsonBodies.put(measure, "max", rows.getObject(3));
                });
          }
          if (!stats.latest().isEmpty()) {
            query(
                connection,
                "SELECT max(" + quote(stats.latest()) + ")" + from,
                rows -> JsonBodies.put(body, "last_" + stats.latest(), rows.getObject(1)));
          }
          return null;
        });
    body.put("snapshot", read.label());
    JsonBodies.send(ctx, 200, body);
  }

  /** Sets the snapshot header and ETag; answers 304 when the client has this snapshot's answer. */
  private static boolean notModified(Context ctx, TableSnapshots.Read read) {
    String etag = "\"" + read.label() + "\"";
    ctx.header(SNAPSHOT_HEADER, read.label());
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", "private, no-cache");
    String given = ctx.header("If-None-Match");
    if (given != null) {
      for (String candidate : given.split(",")) {
        String tag = candidate.trim();
        if (tag.startsWith("W/")) {
          tag = tag.substring(2);
        }
        if (tag.equals(etag) || tag.equals("*")) {
          ctx.status(304);
          return true;
        }
      }
    }
    return false;
  }

  private static String link(Context ctx, ListQuery query, TableSnapshots.Read read, long page) {
    StringJoiner parameters = new StringJoiner("&", ctx.path() + "?", "");
    for (String[] pair : query.echo) {
      parameters.add(pair[0] + "=" + URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
    }
    parameters.add("page=" + page).add("size=" + query.size);
    if (read.snapshot() != null) {
      parameters.add("snapshot=" + read.label());
    }
    return parameters.toString();
  }

  private static String columns(ApiResource resource, Schema schema) {
    List<String> quoted = new ArrayList<>();
    for (String column : resource.columns()) {
      field(resource, schema, column);
      quoted.add(quote(column));
    }
    return String.join(", ", quoted);
  }

  static Types.NestedField field(ApiResource resource, Schema schema, String column) {
    Types.NestedField field = schema.findField(column);
    if (field == null) {
      throw new ApiError(
          500,
          "bad_declaration",
          "",
          "Resource "
              + resource.name()
              + " names column "
              + column
              + " which table "
              + resource.table()
              + " does not have (see api.resources."
              + resource.name()
              + " in lagoa.yaml)");
    }
    return field;
  }

  private static void bind(PreparedStatement statement, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
  }

  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  private static void query(Connection connection, String sql, RowReader reader)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        reader.read(rows);
      }
    }
  }
}
