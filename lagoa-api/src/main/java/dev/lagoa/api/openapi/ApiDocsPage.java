package dev.lagoa.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A browsable page of the OpenAPI document, rendered on the server from the same document: no
 * script and nothing fetched from elsewhere.
 */
public final class ApiDocsPage {
  private ApiDocsPage() {}

  public static String render(JsonNode document) {
    StringBuilder html = new StringBuilder();
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(document.path("info").path("title").asText()))
        .append(
            "</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;")
        .append("padding:0 1rem}code{background:#f3f3f3;padding:0 .2rem}.op{border:1px solid #ddd;")
        .append("border-radius:6px;margin:1rem 0;padding:.5rem 1rem}.m{font-weight:bold;")
        .append("text-transform:uppercase;margin-right:.5rem}table{border-collapse:collapse}")
        .append("td,th{border-bottom:1px solid #eee;padding:.2rem .6rem;text-align:left}</style>")
        .append("</head><body><h1>")
        .append(escape(document.path("info").path("title").asText()))
        .append("</h1><p>")
        .append(escape(document.path("info").path("description").asText()))
        .append("</p><p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a> (OpenAPI ")
        .append(escape(document.path("openapi").asText()))
        .append(").</p>");
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
      while (operations.hasNext()) {
        Map.Entry<String, JsonNode> operation = operations.next();
        JsonNode op = operation.getValue();
        html.append("<div class=\"op\"><p><span class=\"m\">")
            .append(escape(operation.getKey()))
            .append("</span><code>")
            .append(escape(path.getKey()))
            .append("</code> ")
            .append(escape(op.path("summary").asText()));
        String role = op.path("x-lagoa-role").asText("");
        html.append(
            role.isEmpty() ? " <em>(public)</em>" : " <em>(role: " + escape(role) + ")</em>");
        html.append("</p>");
        if (op.has("parameters")) {
          html.append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>meaning</th></tr>");
          for (JsonNode parameter : op.get("parameters")) {
            html.append("<tr><td><code>")
                .append(escape(parameter.path("name").asText()))
                .append("</code></td><td>")
                .append(escape(parameter.path("in").asText()))
                .append("</td><td>")
                .append(escape(parameter.path("schema").path("type").asText()))
                .append("</td><td>")
                .append(escape(parameter.path("description").asText()))
                .append("</td></tr>");
          }
          html.append("</table>");
        }
        if (op.has("requestBody")) {
          html.append("<p>JSON body: ");
          Iterator<String> fields =
              op.path("requestBody")
                  .path("content")
                  .path("application/json")
                  .path("schema")
                  .path("properties")
                  .fieldNames();
          while (fields.hasNext()) {
            html.append("<code>").append(escape(fields.next())).append("</code> ");
          }
          html.append("</p>");
        }
        html.append("</div>");
      }
    }
    return html.append("</body></html>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
