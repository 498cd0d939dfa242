package dev.lagoa.ingest.fields;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.config.SourceField;
import dev.lagoa.core.config.SourceFieldScope;
import dev.lagoa.core.fields.FieldConverter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns each record of a {@code files} source into the row its declared fields describe, with the
 * same conversions a web source applies ({@link FieldConverter}): a record's column or JSON path, a
 * CSV file's title lines ({@code scope: page}) or the landing file's name ({@code scope: file}),
 * then regex, type, locale and date format. So B3's downloaded portfolio CSV (latin-1, {@code ;},
 * "0,482", a title line "IBOV - Carteira do Dia 03/10/25") lands in the shape the scraper lands.
 *
 * <p>A value present but not of its field's type is rescued (the field reads NULL, the text is kept
 * in {@code _rescued_data}); a required field with no value quarantines the record, with the
 * reason. One instance per file reader thread: it caches the page and file values of the file being
 * read.
 */
public final class RecordMapping {
  private final List<Field> fields = new ArrayList<>();
  private final Map<String, Object> fileValues = new HashMap<>();
  private String cachedFor;

  private record Field(FieldConverter converter, JsonPointer pointer, String column) {}

  public RecordMapping(List<SourceField> fields) {
    for (SourceField field : fields) {
      String from = field.from().isEmpty() ? "" : field.from().get(0);
      boolean pointer = from.startsWith("/");
      this.fields.add(
          new Field(
              new FieldConverter(field),
              pointer ? JsonPointer.compile(from) : null,
              pointer ? null : from));
    }
  }

  /** The column type each typed field makes (its values are converted to it); auto fields none. */
  public static Map<String, String> columnTypes(List<SourceField> fields) {
    Map<String, String> types = new HashMap<>();
    for (SourceField field : fields) {
      String type =
          switch (field.type()) {
            case AUTO -> null;
            case TEXT, URL -> "string";
            case INTEGER, WORD_NUMBER -> "long";
            case DECIMAL -> "double";
            case DATE -> "date";
          };
      if (type != null) {
        types.put(field.name(), type);
      }
    }
    return types;
  }

  /**
   * The row of one record, or why it is quarantined.
   *
   * @param row the mapped record; null when {@code quarantineReason} says why there is none
   * @param rescued values that were present but not of their field's type, by field name; null when
   *     there were none
   */
  public record Result(ObjectNode row, ObjectNode rescued, String quarantineReason) {}

  /**
   * Maps one record.
   *
   * @param file the landing file's path relative to its landing directory
   * @param titleLines the CSV file's title lines, joined by line breaks; empty for other formats
   */
  public Result map(ObjectNode record, String file, String titleLines) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    ObjectNode rescued = null;
    if (!file.equals(cachedFor)) {
      fileValues.clear();
      cachedFor = file;
    }
    for (Field field : fields) {
      SourceField spec = field.converter().field();
      Object value;
      try {
        value =
            switch (spec.scope()) {
              case ROW -> rowValue(field, record);
              case PAGE ->
                  fileValues.computeIfAbsent(
                      spec.name(),
                      name -> field.converter().convert(titleLines).orElse(Missing.VALUE));
              case FILE ->
                  fileValues.computeIfAbsent(
                      spec.name(), name -> field.converter().convert(file).orElse(Missing.VALUE));
            };
      } catch (FieldConverter.ConversionException e) {
        if (spec.scope() != SourceFieldScope.ROW && spec.required()) {
          return quarantine(spec, e.getMessage() + " (" + where(field, file) + ")");
        }
        if (rescued == null) {
          rescued = JsonNodeFactory.instance.objectNode();
        }
        rescued.set(spec.name(), raw(field, record, file, titleLines));
        row.putNull(spec.name());
        continue;
      }
      if (value == Missing.VALUE || value == null) {
        if (spec.required()) {
          return quarantine(spec, where(field, file) + " holds no value" + regex(field));
        }
        row.putNull(spec.name());
        continue;
      }
      row.set(spec.name(), node(value));
    }
    return new Result(row, rescued, null);
  }

  /** A page or file value that is absent, cached as such. */
  private enum Missing {
    VALUE
  }

  private static Object rowValue(Field field, ObjectNode record) {
    JsonNode node =
        field.pointer() != null ? record.at(field.pointer()) : record.get(field.column());
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    Optional<Object> value = field.converter().convert(node, null);
    return value.orElse(null);
  }

  private static JsonNode raw(Field field, ObjectNode record, String file, String titleLines) {
    return switch (field.converter().field().scope()) {
      case ROW -> field.pointer() != null ? record.at(field.pointer()) : record.get(field.column());
      case PAGE -> JsonNodeFactory.instance.textNode(titleLines);
      case FILE -> JsonNodeFactory.instance.textNode(file);
    };
  }

  private static Result quarantine(SourceField spec, String reason) {
    return new Result(null, null, "field " + spec.name() + ": " + reason);
  }

  private static String where(Field field, String file) {
    SourceField spec = field.converter().field();
    return switch (spec.scope()) {
      case ROW ->
          field.pointer() != null ? "path " + field.pointer() : "column '" + field.column() + "'";
      case PAGE -> "the title lines";
      case FILE -> "the file name " + file;
    };
  }

  private static String regex(Field field) {
    return field.converter().regexDescription();
  }

  private static JsonNode node(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value instanceof Long number) {
      return nodes.numberNode(number);
    }
    if (value instanceof BigDecimal number) {
      return nodes.numberNode(number);
    }
    if (value instanceof BigInteger number) {
      return nodes.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return nodes.booleanNode(bool);
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    return nodes.textNode(value.toString());
  }
}
