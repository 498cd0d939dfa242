package dev.lagoa.scrape.extract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.config.WebField;
import dev.lagoa.core.config.WebFieldType;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Optional;
import org.jsoup.parser.Parser;

/**
 * One declared field of a JSON rule: a JSON pointer into each row (or into the document, for page
 * fields).
 */
final class JsonField {
  private final FieldConverter converter;
  private final JsonPointer pointer;
  private final boolean decodeEntities;

  /**
   * @param decodeEntities whether text values hold HTML entities to decode ({@code &apos;}, {@code
   *     &amp;}), as JSON embedded in an HTML page often does
   */
  JsonField(WebField field, boolean decodeEntities) {
    this.converter = new FieldConverter(field);
    this.pointer = JsonPointer.compile(field.from().get(0));
    this.decodeEntities = decodeEntities;
  }

  WebField field() {
    return converter.field();
  }

  /** The field's value in {@code scope}; null for an optional field that is missing or null. */
  Object read(JsonNode scope, URI url) {
    WebField field = converter.field();
    JsonNode node = scope.at(pointer);
    if (node.isMissingNode() || node.isNull()) {
      if (field.required()) {
        throw PageChanged.because(
            "Cannot extract field %s from %s: path %s is %s",
            field.name(), url, pointer, node.isNull() ? "null" : "missing");
      }
      return null;
    }
    try {
      return value(node, url).orElseGet(() -> missingValue(url, node));
    } catch (FieldConverter.ConversionException e) {
      throw PageChanged.because(
          "Cannot extract field %s from %s: %s (path %s)",
          field.name(), url, e.getMessage(), pointer);
    }
  }

  private Optional<Object> value(JsonNode node, URI url) {
    WebField field = converter.field();
    if (node.isTextual() || !field.regex().isEmpty() || field.type() == WebFieldType.URL) {
      String text = node.isValueNode() ? node.asText() : node.toString();
      if (decodeEntities && node.isTextual()) {
        text = Parser.unescapeEntities(text, false);
      }
      return converter.convert(text, url);
    }
    return switch (field.type()) {
      case AUTO -> Optional.ofNullable(JsonValues.scalar(node));
      case TEXT -> Optional.of(node.isValueNode() ? node.asText() : node.toString());
      case DECIMAL -> Optional.of(number(node));
      case INTEGER, WORD_NUMBER -> Optional.of(wholeNumber(node));
      case DATE, URL -> converter.convert(node.asText(), url);
    };
  }

  private static BigDecimal number(JsonNode node) {
    if (!node.isNumber()) {
      throw new FieldConverter.ConversionException(node + " is not a number");
    }
    return node.decimalValue();
  }

  private static Long wholeNumber(JsonNode node) {
    try {
      return number(node).stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new FieldConverter.ConversionException(node + " is not a whole number");
    }
  }

  private Object missingValue(URI url, JsonNode node) {
    if (converter.field().required()) {
      throw PageChanged.because(
          "Cannot extract field %s from %s: path %s holds %s, which holds no value%s",
          converter.field().name(), url, pointer, node, converter.regexDescription());
    }
    return null;
  }
}
