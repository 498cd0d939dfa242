package dev.lagoa.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.api.JsonBodies;
import dev.lagoa.api.resources.Resources;
import dev.lagoa.api.sql.SqlRoutes;
import dev.lagoa.core.config.ApiConfig;
import dev.lagoa.core.config.ApiCounts;
import dev.lagoa.core.config.ApiFilter;
import dev.lagoa.core.config.ApiResource;
import dev.lagoa.core.config.ApiStats;

/**
 * The OpenAPI 3 description of the API, generated from the {@code api:} declaration that the routes
 * are built from, so the two cannot disagree.
 */
public final class OpenApiDocument {
  private OpenApiDocument() {}

  public static ObjectNode of(String projectName, ApiConfig api) {
    ObjectNode root = JsonBodies.object().put("openapi", "3.0.3");
    root.putObject("info")
        .put("title", "Lagoa data API: " + projectName)
        .put("version", "1")
        .put(
            "description",
            "Tables of project "
                + projectName
                + " over HTTP. Sign in with POST /auth/login, then send 'Authorization: Bearer"
                + " <access_token>'. Every read names the table snapshot it read in the "
                + Resources.SNAPSHOT_HEADER
                + " header and ETag; pass snapshot=<id> to keep reading that snapshot.");
    ObjectNode components = root.putObject("components");
    components
        .putObject("securitySchemes")
        .putObject("bearer")
        .put("type", "http")
        .put("scheme", "bearer")
        .put("bearerFormat", "JWT");
    components
        .putObject("schemas")
        .putObject("Error")
        .put("type", "object")
        .putObject("properties")
        .<ObjectNode>set("error", type("string"))
        .<ObjectNode>set("parameter", type("string"))
        .set("message", type("string"));
    ObjectNode paths = root.putObject("paths");
    auth(paths);
    for (ApiResource resource : api.resources().values()) {
      resource(paths, resource);
    }
    for (ApiCounts counts : api.counts().values()) {
      ObjectNode get =
          operation(
              paths,
              Resources.PREFIX + counts.name(),
              "get",
              "Rows of " + counts.table() + " per " + counts.column(),
              "reader");
      snapshotParameter(get.putArray("parameters"));
    }
    for (ApiStats stats : api.stats().values()) {
      ObjectNode get =
          operation(
              paths,
              Resources.PREFIX + stats.name(),
              "get",
              "Summary of " + stats.table() + ": total, counts, distributions, min/avg/max",
              "reader");
      snapshotParameter(get.putArray("parameters"));
    }
    ObjectNode sql =
        operation(
            paths,
            SqlRoutes.PATH,
            "post",
            "One read-only SELECT over the project's tables (JSON or CSV), with row and time limits",
            "analyst");
    requestBody(sql, "sql", "format", "max_rows");
    return root;
  }

  private static void auth(ObjectNode paths) {
    requestBody(
        operation(paths, "/auth/login", "post", "Sign in: access and refresh tokens", ""),
        "username",
        "password");
    requestBody(
        operation(paths, "/auth/refresh", "post", "New tokens for a refresh token (used once)", ""),
        "refresh_token");
    requestBody(
        operation(paths, "/auth/logout", "post", "Revoke a refresh token", ""), "refresh_token");
    operation(paths, "/auth/me", "get", "The signed-in user and role", "reader");
  }

  private static void resource(ObjectNode paths, ApiResource resource) {
    String path = Resources.PREFIX + resource.name();
    ObjectNode list =
        operation(
            paths,
            path,
            "get",
            "List "
                + resource.name()
                + " from "
                + resource.table()
                + ", filtered, sorted, in pages",
            "reader");
    ArrayNode parameters = list.putArray("parameters");
    for (ApiFilter filter : resource.filters()) {
      for (String name : filter.parameters()) {
        String description =
            switch (filter.match()) {
              case EQUALS -> filter.column() + " equals this value";
              case ONE_OF -> filter.column() + " is one of these comma-separated values";
              case RANGE ->
                  filter.column() + (name.endsWith("_min") ? " at least" : " at most") + " this";
              case CONTAINS -> filter.column() + " contains this text (any case)";
            };
        query(parameters, name, "string", description);
      }
    }
    query(
        parameters,
        "sort",
        "string",
        "Comma-separated columns of "
            + String.join(", ", resource.sortable())
            + "; prefix - for descending");
    query(parameters, "page", "integer", "Page number, from 1");
    query(
        parameters,
        "size",
        "integer",
        "Rows per page (default "
            + resource.defaultPageSize()
            + ", max "
            + resource.maxPageSize()
            + ")");
    snapshotParameter(parameters);
    ObjectNode one =
        operation(
            paths,
            path + "/{key}",
            "get",
            "One row of " + resource.name() + " by " + resource.key(),
            "reader");
    ArrayNode oneParameters = one.putArray("parameters");
    oneParameters
        .addObject()
        .put("name", "key")
        .put("in", "path")
        .put("required", true)
        .put("description", resource.key())
        .set("schema", type("string"));
    snapshotParameter(oneParameters);
    if (resource.refresh()) {
      operation(
          paths,
          path + "/refresh",
          "post",
          "Start the project's pipeline; answers 202 with a run id to poll",
          "admin");
      ObjectNode state =
          operation(paths, path + "/refresh/{run_id}", "get", "State of a refresh run", "admin");
      state
          .putArray("parameters")
          .addObject()
          .put("name", "run_id")
          .put("in", "path")
          .put("required", true)
          .set("schema", type("string"));
    }
  }

  private static ObjectNode operation(
      ObjectNode paths, String path, String method, String summary, String role) {
    ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
    ObjectNode operation = item.putObject(method).put("summary", summary);
    ObjectNode responses = operation.putObject("responses");
    responses
        .putObject(method.equals("post") && path.endsWith("/refresh") ? "202" : "200")
        .put("description", "OK");
    responses.set("400", errorResponse("A parameter is wrong; the answer names it"));
    if (!role.isEmpty()) {
      operation.put("x-lagoa-role", role);
      operation.putArray("security").addObject().putArray("bearer");
      responses.set("401", errorResponse("No valid access token"));
      responses.set("403", errorResponse("The user's role is below " + role));
    }
    return operation;
  }

  private static ObjectNode errorResponse(String description) {
    ObjectNode response = JsonBodies.object().put("description", description);
    response
        .putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/Error");
    return response;
  }

  private static void requestBody(ObjectNode operation, String... fields) {
    ObjectNode properties =
        operation
            .putObject("requestBody")
            .put("required", true)
            .putObject("content")
            .putObject("application/json")
            .putObject("schema")
            .put("type", "object")
            .putObject("properties");
    for (String field : fields) {
      properties.set(field, type(field.equals("max_rows") ? "integer" : "string"));
    }
  }

  private static void snapshotParameter(ArrayNode parameters) {
    query(parameters, "snapshot", "string", "Read this snapshot of the table (consistent paging)");
  }

  private static void query(ArrayNode parameters, String name, String type, String description) {
    parameters
        .addObject()
        .put("name", name)
        .put("in", "query")
        .put("required", false)
        .put("description", description)
        .set("schema", type(type));
  }

  private static ObjectNode type(String type) {
    return JsonBodies.object().put("type", type);
  }
}
