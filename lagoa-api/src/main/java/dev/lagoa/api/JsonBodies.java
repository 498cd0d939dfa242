package dev.lagoa.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * JSON in and out of the API's handlers, with Lagoa's own mapper so that the module does not depend
 * on how the server hosting it configures Javalin's.
 */
public final class JsonBodies {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static void send(Context ctx, int status, JsonNode body) {
    try {
      ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON response: " + e.getMessage(), e);
    }
  }

  public static void send(Context ctx, ApiError error) {
    ObjectNode body = object().put("error", error.code());
    if (!error.parameter().isEmpty()) {
      body.put("parameter", error.parameter());
    }
    body.put("message", error.getMessage());
    error.headers().forEach(ctx::header);
    send(ctx, error.status(), body);
  }

  /** The request body as a JSON object; a body that is not one is the client's error. */
  public static JsonNode readObject(Context ctx) {
    JsonNode body;
    try {
      body = MAPPER.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "bad_body", "", "The request body must be a JSON object");
    }
    if (body == null || !body.isObject()) {
      throw new ApiError(400, "bad_body", "", "The request body must be a JSON object");
    }
    return body;
  }

  /** A required string field of a JSON body. */
  public static String requiredString(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new ApiError(400, "bad_body", field, field + " is missing but it is required");
    }
    return value.asText();
  }

  /** Puts a value read from DuckDB: numbers and booleans as JSON values, the rest as text. */
  public static void put(ObjectNode node, String field, Object value) {
    if (value == null) {
      node.putNull(field);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      node.put(field, ((Number) value).intValue());
    } else if (value instanceof Long l) {
      node.put(field, l);
    } else if (value instanceof Double d) {
      node.put(field, d);
    } else if (value instanceof Float f) {
      node.put(field, f);
    } else if (value instanceof BigDecimal b) {
      node.put(field, b);
    } else if (value instanceof BigInteger b) {
      node.put(field, b);
    } else if (value instanceof Boolean b) {
      node.put(field, b);
    } else {
      node.put(field, value.toString());
    }
  }
}
