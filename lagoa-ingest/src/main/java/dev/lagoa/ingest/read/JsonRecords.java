package dev.lagoa.ingest.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lagoa.ingest.schema.ColumnNames;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses one JSON record into a tree, deciding what a plain JSON parser leaves open:
 *
 * <ul>
 *   <li>keys that fill the same column ({@link ColumnNames}: a duplicate, or one differing only by
 *       case or by dots) — the last one wins and earlier values are <em>displaced</em>, to be
 *       rescued;
 *   <li>a string or key holding an unpaired UTF-16 surrogate ({@code "\ud800"}) is not text, and
 *       the record is invalid;
 *   <li>a number beyond double's range ({@code 1e400}) keeps its digits as a decimal, so that it
 *       can be rescued rather than become Infinity.
 * </ul>
 */
public final class JsonRecords {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private JsonRecords() {}

  /**
   * A parsed record.
   *
   * @param displaced values displaced by a later key filling the same column, by dotted path; null
   *     when no key was repeated (empty when only nulls were displaced)
   */
  public record Parsed(ObjectNode record, ObjectNode displaced) {}

  /**
   * A JSON number no Java number can hold (its exponent is beyond BigDecimal's), kept as the text
   * it was written as; like any number beyond range it is rescued, never stored as a value.
   */
  public static final class UnrepresentableNumber extends TextNode {
    UnrepresentableNumber(String text) {
      super(text);
    }
  }

  /** A record that is not a valid JSON object; the reason says why. */
  public static final class Invalid extends Exception {
    public Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  public static Parsed parse(byte[] bytes, int offset, int length) throws Invalid {
    try (JsonParser parser = Json.MAPPER.getFactory().createParser(bytes, offset, length)) {
      return parse(parser);
    } catch (JacksonException e) {
      throw new Invalid("malformed JSON: " + Json.reason(e));
    } catch (IOException e) {
      throw new Invalid("unreadable: " + Json.reason(e));
    }
  }

  private static Parsed parse(JsonParser parser) throws IOException, Invalid {
    JsonToken first = parser.nextToken();
    if (first != JsonToken.START_OBJECT) {
      throw new Invalid(
          "expected a JSON object, found " + (first == null ? "nothing" : describe(first)));
    }
    Builder builder = new Builder();
    ObjectNode record = builder.object(parser, "");
    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      throw new Invalid(
          "malformed JSON: unexpected " + describe(trailing) + " after the end of the object");
    }
    return new Parsed(record, builder.displaced);
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  private static final class Builder {
    ObjectNode displaced;

    ObjectNode object(JsonParser parser, String prefix) throws IOException, Invalid {
      ObjectNode object = NODES.objectNode();
      Map<String, String> keyByMatch = null;
      String single = null; // the first key's match key, before the map is needed
      String singleKey = null;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (Utf8.hasUnpairedSurrogate(name)) {
          throw new Invalid("key " + printable(name) + " holds an unpaired UTF-16 surrogate");
        }
        JsonNode value = value(parser, parser.nextToken(), prefix + name + ".");
        String match = ColumnNames.matchKey(name);
        String earlier;
        if (keyByMatch == null && single == null) {
          single = match;
          singleKey = name;
          earlier = null;
        } else {
          if (keyByMatch == null) {
            keyByMatch = new HashMap<>();
            keyByMatch.put(single, singleKey);
          }
          earlier = keyByMatch.put(match, name);
        }
        if (earlier != null) {
          JsonNode old = object.remove(earlier);
          displace(prefix + earlier, old);
        }
        object.set(name, value);
      }
      if (token != JsonToken.END_OBJECT) {
        throw new Invalid("malformed JSON: unexpected " + token + " in an object");
      }
      return object;
    }

    /** Records a displaced value; a null one leaves only the mark that the record was changed. */
    private void displace(String path, JsonNode value) {
      if (displaced == null) {
        displaced = NODES.objectNode();
      }
      if (value == null || value.isNull()) {
        return;
      }
      String key = path;
      for (int n = 2; displaced.has(key); n++) {
        key = path + "#" + n;
      }
      displaced.set(key, value);
    }

    JsonNode value(JsonParser parser, JsonToken token, String prefix) throws IOException, Invalid {
      switch (token) {
        case START_OBJECT:
          return object(parser, prefix);
        case START_ARRAY:
          ArrayNode array = NODES.arrayNode();
          JsonToken item;
          while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (item == null) {
              throw new Invalid("malformed JSON: unexpected end of input in an array");
            }
            array.add(value(parser, item, prefix));
          }
          return array;
        case VALUE_STRING:
          String text = parser.getText();
          if (Utf8.hasUnpairedSurrogate(text)) {
            throw new Invalid(
                "value of "
                    + printable(prefix.substring(0, Math.max(0, prefix.length() - 1)))
                    + " holds an unpaired UTF-16 surrogate");
          }
          return NODES.textNode(text);
        case VALUE_NUMBER_INT:
          return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? NODES.numberNode(parser.getBigIntegerValue())
              : NODES.numberNode(parser.getLongValue());
        case VALUE_NUMBER_FLOAT:
          double d = parser.getDoubleValue();
          if (!Double.isInfinite(d)) {
            return NODES.numberNode(d);
          }
          try {
            return NODES.numberNode(parser.getDecimalValue());
          } catch (NumberFormatException e) {
            // An exponent beyond even BigDecimal's (999E9999999999): kept as written.
            return new UnrepresentableNumber(parser.getText());
          }
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          throw new Invalid("malformed JSON: unexpected " + token);
      }
    }
  }

  /** A key as it can be printed in a reason: escaped, and cut after 80 characters. */
  static String printable(String key) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < key.length() && i < 80; i++) {
      char c = key.charAt(i);
      if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(key.length() > 80 ? "…\"" : "\"").toString();
  }
}
