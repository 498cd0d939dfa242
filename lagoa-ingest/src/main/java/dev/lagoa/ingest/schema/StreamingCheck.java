package dev.lagoa.ingest.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * The loader's fast path: decides from the token stream alone, without building a tree, whether a
 * record fits the expected shape exactly as it is. Most records of a steady source do; they are
 * then copied byte for byte. Anything else — a new field, a value to rescue or normalize, malformed
 * JSON — answers false and takes the slow path, which parses a tree and says what is wrong.
 */
final class StreamingCheck {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxDocumentLength(-1)
                  .build())
          // A repeated key is for the slow path to settle (last wins, the earlier is rescued).
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private StreamingCheck() {}

  static boolean fits(byte[] buffer, int length, Shape root) {
    try (JsonParser parser = FACTORY.createParser(buffer, 0, length)) {
      return parser.nextToken() == JsonToken.START_OBJECT
          && object(parser, root)
          && parser.nextToken() == null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean object(JsonParser parser, Shape struct) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      Shape field = struct.field(parser.currentName());
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      if (field == null || !value(parser, value, field)) {
        return false;
      }
    }
    return token == JsonToken.END_OBJECT;
  }

  private static boolean value(JsonParser parser, JsonToken value, Shape shape) throws IOException {
    return switch (shape.kind()) {
      case BOOLEAN -> value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE;
      case LONG ->
          value == JsonToken.VALUE_NUMBER_INT
              && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
      case DOUBLE ->
          (value == JsonToken.VALUE_NUMBER_INT && exactInDouble(parser))
              || (value == JsonToken.VALUE_NUMBER_FLOAT && finite(parser));
      case STRING -> value == JsonToken.VALUE_STRING;
      case STRUCT -> value == JsonToken.START_OBJECT && object(parser, shape);
      case LIST -> value == JsonToken.START_ARRAY && list(parser, shape.element());
      case OTHER -> false;
    };
  }

  /** Whether an integer literal is a double without rounding; others take the slow path. */
  private static boolean exactInDouble(JsonParser parser) throws IOException {
    return switch (parser.getNumberType()) {
      case INT -> true;
      case LONG -> Math.abs(parser.getLongValue()) <= Conformer.MAX_EXACT_DOUBLE;
      default -> false;
    };
  }

  /** Whether a float literal stays finite as a double; only long or exponent forms can overflow. */
  private static boolean finite(JsonParser parser) throws IOException {
    char[] text = parser.getTextCharacters();
    int offset = parser.getTextOffset();
    int length = parser.getTextLength();
    boolean exponent = length > 300;
    for (int i = offset; i < offset + length && !exponent; i++) {
      exponent = text[i] == 'e' || text[i] == 'E';
    }
    return !exponent || !Double.isInfinite(parser.getDoubleValue());
  }

  private static boolean list(JsonParser parser, Shape element) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == JsonToken.VALUE_NULL) {
        continue;
      }
      if (element == null || !value(parser, token, element)) {
        return false;
      }
    }
    return true;
  }
}
