package dev.lagoa.ingest.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.ingest.read.JsonRecords;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Checks each record against the expected {@link Shape} under a {@link SchemaPolicy}. A record that
 * fits is left alone (the loader then copies its original bytes); one that does not is changed in
 * place: values of the wrong type, and unknown fields when the schema may not evolve, move to the
 * rescued-data object, and integral values such as 32.0 in integer columns are normalized.
 *
 * <p>Thread-safe: files of one batch are checked in parallel against shared shapes.
 */
public final class Conformer implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Shape root;
  private final SchemaPolicy policy;
  private final Map<String, Type> hints;
  private final String table;

  private final boolean textValues;

  /**
   * @param textValues whether values arrive as text to be typed (CSV), rather than typed JSON
   */
  public Conformer(
      Shape root, SchemaPolicy policy, Map<String, Type> hints, String table, boolean textValues) {
    this.textValues = textValues;
    this.root = root;
    this.policy = policy;
    this.hints = Map.copyOf(hints);
    this.table = table;
    if (policy == SchemaPolicy.EVOLVE) {
      new java.util.TreeMap<>(this.hints).forEach(this::declare);
    }
  }

  /** The shape records are checked against, with what this conformer learned so far. */
  public Shape root() {
    return root;
  }

  /**
   * Makes a column a file declares with its type (a Parquet file's schema) a column of the table,
   * when the schema may evolve and neither the table nor a hint has it.
   */
  public void declareColumn(Types.NestedField column) {
    String name = column.name();
    if (policy != SchemaPolicy.EVOLVE
        || hints.containsKey(name)
        || !becomesField(name, "")
        || root.fieldFor(column(name)) != null) {
      return;
    }
    root.addField(column(name), Shape.pending(column.type()));
  }

  /** Makes a top-level string column of a declared field that no record typed yet. */
  public void declareIfAbsent(String name) {
    if (policy == SchemaPolicy.EVOLVE && root.fieldFor(name) == null) {
      root.addField(name, Shape.pending(Types.StringType.get()));
    }
  }

  /**
   * Makes a declared field (a schema hint) a column even when no record carries it, so models can
   * read it (as NULL) whichever of a table's sources loaded it. A nested path creates its parent
   * structs; a parent that exists and is not a struct is refused with the path.
   */
  public void declare(String path, Type type) {
    String[] parts = path.split("\\.");
    Shape struct = root;
    StringBuilder walked = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      walked.append(i == 0 ? "" : ".").append(parts[i]);
      Shape child = struct.fieldFor(parts[i]);
      if (child == null) {
        child = struct.addField(parts[i], Shape.pending(Types.StructType.of()));
      } else if (child.kind() != Shape.Kind.STRUCT) {
        throw LagoaException.userInput(
            "Cannot apply schema hint %s: %s is %s in %s, not a struct",
            path, walked, describe(child), table);
      }
      struct = child;
    }
    if (struct.fieldFor(parts[parts.length - 1]) == null) {
      struct.addField(parts[parts.length - 1], Shape.pending(type));
    }
  }

  /** What checking one record found. */
  public static final class Outcome {
    private boolean changed;
    private ObjectNode rescued;
    private int outOfRange;

    /** Whether the record was changed and must be written from the tree, not its original bytes. */
    public boolean changed() {
      return changed;
    }

    /**
     * How many of the rescued values are numbers beyond the range of long ({@code
     * 99999999999999999999}) or of double ({@code 1e400}): kept with all their digits in {@code
     * _rescued_data}, never rounded or made infinite.
     */
    public int outOfRange() {
      return outOfRange;
    }

    /** Values moved out of the record, by dotted path; null when nothing was rescued. */
    public ObjectNode rescued() {
      return rescued;
    }

    void rescue(String path, JsonNode value) {
      if (rescued == null) {
        rescued = JsonNodeFactory.instance.objectNode();
      }
      rescued.set(path, value);
      changed = true;
    }
  }

  /**
   * Learns from a sampled record the types of fields the table does not have yet, merging what the
   * sample shows (32 and 32.5 make a double; 9.3 and "N/A" make a string unless a hint says
   * otherwise). Changes nothing else: values are checked when the record is read for real.
   */
  public void learn(ObjectNode record) {
    if (policy == SchemaPolicy.EVOLVE) {
      learnStruct(record, root, "");
    }
  }

  /**
   * The column a new key creates. CSV headers keep their dots (a CSV record is flat, so no nested
   * path can collide); in JSON a dot becomes an underscore ({@link ColumnNames}).
   */
  private String column(String key) {
    return textValues ? key : ColumnNames.columnName(key);
  }

  /** Whether a key can become a field of a struct at {@code prefix} ("" for the record itself). */
  private static boolean becomesField(String key, String prefix) {
    return ColumnNames.usable(key) && !(prefix.isEmpty() && ColumnNames.reserved(key));
  }

  private void learnStruct(ObjectNode object, Shape struct, String prefix) {
    object
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode value = entry.getValue();
              if (value.isNull() || !becomesField(entry.getKey(), prefix)) {
                return;
              }
              String path = prefix + entry.getKey();
              Shape seen = inferAt(value, path);
              if (seen == null) {
                return;
              }
              Shape field = struct.addField(column(entry.getKey()), seen);
              if (field == seen) {
                return;
              }
              if (field.kind() == Shape.Kind.STRUCT && value.isObject()) {
                field.vote(Shape.Kind.STRUCT);
                learnStruct((ObjectNode) value, field, path + ".");
              } else if (field.isPending()) {
                field.absorb(seen);
              }
            });
  }

  /**
   * The pending shape of a value first seen at {@code path}: its hint when it has one (nested
   * fields of a new struct too), else inferred from the value; null when the value says nothing.
   */
  private Shape inferAt(JsonNode value, String path) {
    Type hint = hints.get(path);
    if (hint != null) {
      return Shape.pending(hint);
    }
    if (value.isObject()) {
      Shape struct = Shape.pending(Shape.Kind.STRUCT);
      value
          .fields()
          .forEachRemaining(
              e -> {
                if (!ColumnNames.usable(e.getKey()) || e.getValue().isNull()) {
                  return;
                }
                Shape field = inferAt(e.getValue(), path + "." + e.getKey());
                if (field != null) {
                  struct.addField(ColumnNames.columnName(e.getKey()), field);
                }
              });
      return struct.fields().isEmpty() ? null : struct;
    }
    return textValues && value.isTextual() ? inferText(value.asText()) : infer(value);
  }

  /**
   * Whether a record's original bytes fit the expected shape as they are (see {@link ByteScan} and
   * {@link StreamingCheck}).
   */
  public boolean fitsAsIs(byte[] buffer, int length) {
    // The byte scan settles the plain records of a steady source; the token check the others.
    return !textValues
        && (ByteScan.fits(buffer, length, root)
            || (!mayHoldSurrogateEscape(buffer, length)
                && StreamingCheck.fits(buffer, length, root)));
  }

  /**
   * Whether the bytes hold {@code \\uD800}-{@code \\uDFFF} escapes, which the slow path checks for
   * pairing.
   */
  private static boolean mayHoldSurrogateEscape(byte[] buffer, int length) {
    for (int i = 0; i + 2 < length; i++) {
      if (buffer[i] == '\\' && buffer[i + 1] == 'u' && (buffer[i + 2] | 0x20) == 'd') {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks {@code record}, changing it in place when needed.
   *
   * @throws LagoaException under {@link SchemaPolicy#FAIL}, naming file, line and field
   */
  public Outcome conform(ObjectNode record, ObjectNode displaced, String file, long line) {
    Outcome outcome = new Outcome();
    if (displaced != null) {
      outcome.changed = true;
      displaced
          .fields()
          .forEachRemaining(entry -> outcome.rescue(entry.getKey(), entry.getValue()));
    }
    conformStruct(record, root, "", outcome, file, line);
    return outcome;
  }

  private void conformStruct(
      ObjectNode object, Shape struct, String prefix, Outcome outcome, String file, long line) {
    Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
    List<String> renamed = null; // pairs: the key as written, the column it fills
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      String path = prefix + name;
      if (!becomesField(name, prefix)) {
        // An empty key, one with control characters, or one naming a column Lagoa fills itself.
        if (!value.isNull()) {
          outcome.rescue(path, value);
        }
        entries.remove();
        outcome.changed = true;
        continue;
      }
      Shape field = struct.fieldFor(name);
      if (field == null) {
        if (value.isNull()) {
          entries.remove(); // no type to learn from; it reads as NULL either way
          outcome.changed = true;
          continue;
        }
        if (policy == SchemaPolicy.EVOLVE) {
          Shape inferred = inferAt(value, path);
          if (inferred != null) {
            field = struct.addField(column(name), inferred);
          } else {
            entries.remove(); // only nulls or empty lists inside: nothing to learn yet
            outcome.changed = true;
            continue;
          }
        } else if (policy == SchemaPolicy.RESCUE) {
          outcome.rescue(path, value);
          entries.remove();
          continue;
        } else {
          throw LagoaException.userInput(
              "Cannot ingest %s line %d: field %s is not a column of %s (schema policy is fail)",
              file, line, path, table);
        }
      }
      String column = struct.columnFor(name);
      if (value.isNull()) {
        if (!name.equals(column)) {
          entries.remove();
          outcome.changed = true;
        }
        continue;
      }
      JsonNode fitted = fit(value, field, path, outcome, file, line);
      if (fitted == null) {
        if (policy == SchemaPolicy.FAIL) {
          throw LagoaException.userInput(
              "Cannot ingest %s line %d: field %s is %s, expected %s (schema policy is fail)",
              file, line, path, abbreviate(value), describe(field));
        }
        if (beyondRange(value)) {
          outcome.outOfRange++;
        }
        outcome.rescue(path, value);
        entries.remove();
        continue;
      }
      if (fitted != value) {
        entry.setValue(fitted);
        outcome.changed = true;
      }
      if (!name.equals(column)) {
        if (renamed == null) {
          renamed = new ArrayList<>();
        }
        renamed.add(name);
        renamed.add(column);
      }
    }
    if (renamed != null) {
      for (int i = 0; i < renamed.size(); i += 2) {
        object.set(renamed.get(i + 1), object.remove(renamed.get(i)));
      }
      outcome.changed = true;
    }
  }

  /** The value as it fits the shape (itself when unchanged), or null when it does not fit. */
  private JsonNode fit(
      JsonNode value, Shape shape, String path, Outcome outcome, String file, long line) {
    if (textValues && value.isTextual()) {
      return fitText(value.asText(), shape);
    }
    switch (shape.kind()) {
      case BOOLEAN:
        return value.isBoolean() ? value : null;
      case LONG:
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          return value;
        }
        if (value.isFloatingPointNumber()) {
          double d = value.doubleValue();
          if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return LongNode.valueOf((long) d);
          }
          synchronized (shape) {
            if (shape.widenToDouble()) {
              return value;
            }
          }
          return shape.kind() == Shape.Kind.DOUBLE ? value : null;
        }
        return null;
      case DOUBLE:
        return value.isNumber() && fitsDouble(value) ? value : null;
      case STRING:
        if (value.isTextual()) {
          return value;
        }
        return value.isValueNode() ? TextNode.valueOf(value.asText()) : null;
      case OTHER:
        return fitsOther(value, shape.otherType()) ? value : null;
      case STRUCT:
        if (!value.isObject()) {
          return null;
        }
        conformStruct((ObjectNode) value, shape, path + ".", outcome, file, line);
        return value;
      case LIST:
        if (!value.isArray()) {
          return null;
        }
        return fitList((ArrayNode) value, shape, path, outcome, file, line);
      default:
        throw new IllegalStateException("unknown shape " + shape.kind());
    }
  }

  /**
   * Whether a JSON number is a double without losing its magnitude: an integer beyond long's range
   * or a number beyond double's ({@code 1e400}) is rescued with its digits instead.
   */
  private static boolean fitsDouble(JsonNode value) {
    if (value.isIntegralNumber()) {
      return exactInDouble(value);
    }
    return !Double.isInfinite(value.doubleValue());
  }

  /** Whether an integral JSON number is a double without rounding (|n| <= 2^53). */
  static boolean exactInDouble(JsonNode value) {
    return value.canConvertToLong()
        && value.longValue() >= -MAX_EXACT_DOUBLE
        && value.longValue() <= MAX_EXACT_DOUBLE;
  }

  static final long MAX_EXACT_DOUBLE = 1L << 53;

  private JsonNode fitList(
      ArrayNode array, Shape shape, String path, Outcome outcome, String file, long line) {
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (item.isNull()) {
        continue;
      }
      Shape element = shape.element();
      if (element == null) {
        Shape inferred = infer(item);
        if (inferred == null) {
          continue;
        }
        element = shape.setElementIfAbsent(inferred);
      }
      // A list is rescued whole: its elements are not addressable by path in _rescued_data.
      Outcome scratch = new Outcome();
      JsonNode fitted = fit(item, element, path + "[]", scratch, file, line);
      if (fitted == null || scratch.rescued() != null) {
        outcome.outOfRange += scratch.outOfRange + (fitted == null && beyondRange(item) ? 1 : 0);
        return null;
      }
      if (fitted != item) {
        array.set(i, fitted);
        outcome.changed = true;
      }
    }
    return array;
  }

  /** A text value (CSV) typed as the shape wants, or null when it does not parse. */
  private static JsonNode fitText(String text, Shape shape) {
    try {
      return switch (shape.kind()) {
        case STRING -> TextNode.valueOf(text);
        case LONG -> {
          try {
            yield LongNode.valueOf(Long.parseLong(text.trim()));
          } catch (NumberFormatException e) {
            if (isLongBeyondRange(text.trim())) {
              yield null;
            }
            synchronized (shape) {
              double d = Double.parseDouble(text.trim());
              if (Double.isInfinite(d)) {
                yield null;
              }
              yield shape.widenToDouble() || shape.kind() == Shape.Kind.DOUBLE
                  ? com.fasterxml.jackson.databind.node.DoubleNode.valueOf(d)
                  : null;
            }
          }
        }
        case DOUBLE -> {
          double d = Double.parseDouble(text.trim());
          yield Double.isInfinite(d) || isLongBeyondRange(text.trim())
              ? null
              : com.fasterxml.jackson.databind.node.DoubleNode.valueOf(d);
        }
        case BOOLEAN ->
            switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
              case "true" -> com.fasterxml.jackson.databind.node.BooleanNode.TRUE;
              case "false" -> com.fasterxml.jackson.databind.node.BooleanNode.FALSE;
              default -> null;
            };
        case OTHER ->
            fitsOther(TextNode.valueOf(text), shape.otherType()) ? TextNode.valueOf(text) : null;
        default -> null;
      };
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether a value is a number beyond long's or double's range (in CSV, text reading as one). */
  private boolean beyondRange(JsonNode value) {
    if (value instanceof JsonRecords.UnrepresentableNumber) {
      return true;
    }
    if (value.isBigInteger()) {
      return !value.canConvertToLong();
    }
    if (value.isBigDecimal()) {
      return Double.isInfinite(value.doubleValue());
    }
    if (textValues && value.isTextual()) {
      String text = value.asText().trim();
      return isLongBeyondRange(text)
          || (text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")
              && Double.isInfinite(Double.parseDouble(text)));
    }
    return false;
  }

  private static boolean isLongBeyondRange(String text) {
    return text.matches("-?\\d{19,}") && new java.math.BigInteger(text).bitLength() > 63;
  }

  /** The pending shape of a text value: numbers and booleans when it reads as one, else text. */
  static Shape inferText(String text) {
    String trimmed = text.trim();
    if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
      return Shape.pending(Shape.Kind.BOOLEAN);
    }
    // Leading zeros (zip codes, 0114709-style ids) are identifiers: keep them as text.
    boolean leadingZero =
        trimmed.length() > 1 && trimmed.charAt(0) == '0' && trimmed.charAt(1) != '.';
    if (!leadingZero && trimmed.matches("-?\\d{1,18}")) {
      return Shape.pending(Shape.Kind.LONG);
    }
    if (isLongBeyondRange(trimmed)) {
      return Shape.identifierText(); // keeps every digit
    }
    if (trimmed.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return leadingZero ? Shape.identifierText() : Shape.pending(Shape.Kind.DOUBLE);
    }
    return Shape.pending(Shape.Kind.STRING);
  }

  private static boolean fitsOther(JsonNode value, Type type) {
    try {
      return switch (type.typeId()) {
        case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
        case FLOAT, DECIMAL -> value.isNumber();
        case DATE -> value.isTextual() && LocalDate.parse(value.asText()) != null;
        case TIMESTAMP -> value.isTextual() && parsesAsTimestamp(value.asText());
        default -> value.isTextual();
      };
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean parsesAsTimestamp(String text) {
    // ISO 8601, with a space or a T, and offsets written +00 (as DuckDB and PostgreSQL print them).
    String iso = text.replace(' ', 'T').replaceAll("([+-]\\d\\d)$", "$1:00");
    try {
      OffsetDateTime.parse(iso);
      return true;
    } catch (DateTimeParseException e) {
      LocalDateTime.parse(iso);
      return true;
    }
  }

  /**
   * The pending shape of a value never seen before; null when the value says nothing (null, []).
   */
  public static Shape infer(JsonNode value) {
    if (value.isBoolean()) {
      return Shape.pending(Shape.Kind.BOOLEAN);
    }
    if (value.isIntegralNumber()) {
      // JSON has one number type: producers write 32.0 as 32, so an integer says nothing about
      // whether the field holds fractions. Iceberg cannot widen long to double later, so JSON
      // numbers make double columns (hint long for counts and ids). An integer a double cannot hold
      // exactly is kept whole: in a long column, or beyond long's range in a string column.
      if (exactInDouble(value)) {
        return Shape.pending(Shape.Kind.DOUBLE);
      }
      return value.canConvertToLong() ? Shape.pending(Shape.Kind.LONG) : Shape.identifierText();
    }
    if (value.isNumber()) {
      return Shape.pending(Shape.Kind.DOUBLE);
    }
    if (value.isTextual()) {
      return Shape.pending(Shape.Kind.STRING);
    }
    if (value.isObject()) {
      Shape struct = Shape.pending(Shape.Kind.STRUCT);
      value
          .fields()
          .forEachRemaining(
              e -> {
                if (!ColumnNames.usable(e.getKey())) {
                  return;
                }
                Shape field = infer(e.getValue());
                if (field != null) {
                  struct.addField(ColumnNames.columnName(e.getKey()), field);
                }
              });
      // An object with no typed field says nothing yet (a struct needs at least one field).
      return struct.fields().isEmpty() ? null : struct;
    }
    if (value.isArray()) {
      Shape list = Shape.pending(Shape.Kind.LIST);
      for (JsonNode item : value) {
        Shape element = infer(item);
        if (element != null) {
          list.setElementIfAbsent(element);
          break;
        }
      }
      return list;
    }
    return null;
  }

  private static String describe(Shape shape) {
    return switch (shape.kind()) {
      case OTHER -> shape.otherType().toString();
      case STRUCT -> "an object";
      case LIST -> "a list";
      default -> shape.kind().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
