package dev.lagoa.scrape.extract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.config.SourceField;
import dev.lagoa.core.fields.FieldConverter;
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
  JsonField(SourceField field, boolean decodeEntities) {
    this.converter = new FieldConverter(field);
    this.pointer = JsonPointer.compile(field.from().get(0));
    this.decodeEntities = decodeEntities;
  }

  SourceField field() {
    return converter.field();
  }

  /** The field's value in {@code scope}; null for an optional field that is missing or null. */
  Object read(JsonNode scope, URI url) {
    SourceField field = converter.field();
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
    if (decodeEntities && node.isTextual()) {
      return converter.convert(Parser.unescapeEntities(node.asText(), false), url);
    }
    return converter.convert(node, url);
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
