package dev.lagoa.core.fields;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON values as the landed rows hold them. */
public final class JsonValues {
  private JsonValues() {}

  /**
   * A number, string or boolean as itself, null or missing as null, an object or array as JSON
   * text.
   */
  public static Object scalar(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    return node.toString();
  }
}
