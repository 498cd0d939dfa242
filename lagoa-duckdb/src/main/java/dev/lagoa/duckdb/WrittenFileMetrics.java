package dev.lagoa.duckdb;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.MetricsModes;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Literal;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;
import org.apache.iceberg.util.UnicodeUtil;

/**
 * Iceberg metrics of a Parquet file from the statistics DuckDB reports for it as it writes it
 * ({@code COPY ... (RETURN_STATS true)}), the same Iceberg records from the file's footer: record
 * count, per leaf column its size and, for columns reached through structs only (not inside lists
 * and maps), value and null counts and lower and upper bounds, truncated as the table's metrics
 * modes say. Bounds of types whose text DuckDB prints in a form not read here (time, uuid, binary)
 * are left out, which only makes readers skip fewer files.
 */
final class WrittenFileMetrics {
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();
  private static final DateTimeFormatter TIMESTAMPTZ =
      new DateTimeFormatterBuilder().append(TIMESTAMP).appendOffset("+HH:mm", "+00").toFormatter();

  private WrittenFileMetrics() {}

  /**
   * @param statistics DuckDB's {@code column_statistics}: per column path ({@code "a"."b"}) its
   *     statistics by name ({@code null_count}, {@code num_values}, {@code column_size_bytes},
   *     {@code min}, {@code max})
   */
  static Metrics of(
      Schema schema,
      MetricsConfig config,
      long records,
      Map<String, ? extends Map<String, String>> statistics) {
    Map<Integer, Long> columnSizes = new HashMap<>();
    Map<Integer, Long> valueCounts = new HashMap<>();
    Map<Integer, Long> nullCounts = new HashMap<>();
    Map<Integer, ByteBuffer> lower = new HashMap<>();
    Map<Integer, ByteBuffer> upper = new HashMap<>();
    statistics.forEach(
        (path, stats) -> {
          Leaf leaf = leaf(schema, names(path));
          if (leaf == null || stats == null || !stats.containsKey("column_size_bytes")) {
            return; // a struct, list or map itself: Iceberg records its leaves only
          }
          int id = leaf.field().fieldId();
          MetricsModes.MetricsMode mode = config.columnMode(schema.findColumnName(id));
          if (mode == MetricsModes.None.get()) {
            return;
          }
          columnSizes.put(id, parseLong(stats.get("column_size_bytes")));
          if (!leaf.throughStructsOnly()) {
            return; // inside a list or map: Iceberg keeps its size only
          }
          valueCounts.put(id, parseLong(stats.get("num_values")));
          if (!stats.containsKey("null_count")) {
            return;
          }
          nullCounts.put(id, parseLong(stats.get("null_count")));
          if (mode == MetricsModes.Counts.get()) {
            return;
          }
          Type type = leaf.field().type();
          Object min = value(type, stats.get("min"));
          Object max = value(type, stats.get("max"));
          if (min == null || max == null) {
            return;
          }
          // Parquet's rule for signed zeros, which Iceberg reads back from footers: a zero lower
          // bound is -0.0 and a zero upper bound +0.0, so both zeros fall within the bounds.
          if (min instanceof Double d && d == 0.0) {
            min = -0.0;
          } else if (min instanceof Float f && f == 0.0f) {
            min = -0.0f;
          }
          if (max instanceof Double d && d == 0.0) {
            max = 0.0;
          } else if (max instanceof Float f && f == 0.0f) {
            max = 0.0f;
          }
          int length =
              mode instanceof MetricsModes.Truncate truncate
                  ? truncate.length()
                  : Integer.MAX_VALUE;
          if (type.typeId() == Type.TypeID.STRING && length != Integer.MAX_VALUE) {
            min = UnicodeUtil.truncateStringMin(Literal.of((CharSequence) min), length).value();
            Literal<CharSequence> truncatedMax =
                UnicodeUtil.truncateStringMax(Literal.of((CharSequence) max), length);
            max = truncatedMax == null ? null : truncatedMax.value();
          }
          lower.put(id, Conversions.toByteBuffer(type, min));
          if (max != null) {
            upper.put(id, Conversions.toByteBuffer(type, max));
          }
        });
    return new Metrics(records, columnSizes, valueCounts, nullCounts, null, lower, upper);
  }

  /** A leaf column: its field, and whether its path crosses no list or map. */
  private record Leaf(Types.NestedField field, boolean throughStructsOnly) {}

  private static Leaf leaf(Schema schema, List<String> names) {
    Type type = schema.asStruct();
    Types.NestedField field = null;
    boolean structsOnly = true;
    for (String name : names) {
      if (type == null || type.isPrimitiveType()) {
        return null;
      }
      if (type.isStructType()) {
        field = type.asStructType().field(name);
      } else {
        structsOnly = false;
        field =
            type.asNestedType().fields().stream()
                .filter(child -> child.name().equals(name))
                .findFirst()
                .orElse(null);
      }
      if (field == null) {
        return null;
      }
      type = field.type();
    }
    return field != null && type.isPrimitiveType() ? new Leaf(field, structsOnly) : null;
  }

  /** The names of a column path as DuckDB prints it: {@code "metrics"."trip"."tripMileage"}. */
  static List<String> names(String path) {
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      if (path.charAt(i) == '"') {
        StringBuilder name = new StringBuilder();
        i++;
        while (i < path.length()) {
          char c = path.charAt(i);
          if (c == '"') {
            if (i + 1 < path.length() && path.charAt(i + 1) == '"') {
              name.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          name.append(c);
          i++;
        }
        names.add(name.toString());
      } else {
        int end = path.indexOf('.', i);
        end = end < 0 ? path.length() : end;
        names.add(path.substring(i, end));
        i = end;
      }
      if (i < path.length() && path.charAt(i) == '.') {
        i++;
      }
    }
    return names;
  }

  private static long parseLong(String text) {
    return text == null ? 0 : Long.parseLong(text);
  }

  /** A bound in Iceberg's representation, or null when it is absent or not read here. */
  private static Object value(Type type, String text) {
    if (text == null) {
      return null;
    }
    try {
      return switch (type.typeId()) {
        case BOOLEAN -> text.equals("1") || Boolean.parseBoolean(text); // DuckDB prints 0 and 1
        case INTEGER -> Integer.parseInt(text);
        case LONG -> Long.parseLong(text);
        case FLOAT -> finite(Float.parseFloat(text));
        case DOUBLE -> finite(Double.parseDouble(text));
        case STRING -> text;
        case DATE -> (int) LocalDate.parse(text).toEpochDay();
        case TIMESTAMP ->
            ((Types.TimestampType) type).shouldAdjustToUTC()
                ? DateTimeUtil.microsFromTimestamptz(OffsetDateTime.parse(text, TIMESTAMPTZ))
                : DateTimeUtil.microsFromTimestamp(LocalDateTime.parse(text, TIMESTAMP));
        case DECIMAL -> new BigDecimal(text).setScale(((Types.DecimalType) type).scale());
        default -> null;
      };
    } catch (RuntimeException e) {
      return null; // text in a form not read here: no bound, the file is never skipped by it
    }
  }

  private static Object finite(float value) {
    return Float.isFinite(value) ? value : null;
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
