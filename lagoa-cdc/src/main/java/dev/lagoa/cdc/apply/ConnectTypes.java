package dev.lagoa.cdc.apply;

import dev.lagoa.core.LagoaException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Schema;

/**
 * Maps the column types Debezium reports for PostgreSQL (Kafka Connect schemas with Debezium's
 * semantic names) to Iceberg types, and their values to the values Iceberg's generic records hold.
 */
final class ConnectTypes {
  /** The value Debezium sends for a large (TOASTed) column an update did not change. */
  static final String UNAVAILABLE_PLACEHOLDER = "__debezium_unavailable_value";

  /** Marks a column whose value the source did not send: the row's previous value stays. */
  static final Object UNAVAILABLE = new Object();

  private ConnectTypes() {}

  static Type icebergType(Schema schema, String table, String column) {
    String name = schema.name() == null ? "" : schema.name();
    return switch (schema.type()) {
      case INT8, INT16 -> Types.IntegerType.get();
      case INT32 ->
          switch (name) {
            case "io.debezium.time.Date" -> Types.DateType.get();
            case "io.debezium.time.Time" -> Types.TimeType.get();
            default -> Types.IntegerType.get();
          };
      case INT64 ->
          switch (name) {
            case "io.debezium.time.MicroTimestamp", "io.debezium.time.Timestamp" ->
                Types.TimestampType.withoutZone();
            case "io.debezium.time.MicroTime" -> Types.TimeType.get();
            default -> Types.LongType.get();
          };
      case FLOAT32 -> Types.FloatType.get();
      case FLOAT64 -> Types.DoubleType.get();
      case BOOLEAN -> Types.BooleanType.get();
      case STRING ->
          "io.debezium.time.ZonedTimestamp".equals(name)
              ? Types.TimestampType.withZone()
              : Types.StringType.get();
      case BYTES -> {
        if ("org.apache.kafka.connect.data.Decimal".equals(name)) {
          int scale = Integer.parseInt(schema.parameters().get("scale"));
          String precision = schema.parameters().get("connect.decimal.precision");
          yield Types.DecimalType.of(precision == null ? 38 : Integer.parseInt(precision), scale);
        }
        yield Types.BinaryType.get();
      }
      default ->
          throw LagoaException.userInput(
              "Cannot capture column %s of table %s: its type (%s%s) has no lake equivalent;"
                  + " cast it in a view, or leave the table out of the source",
              column, table, schema.type(), name.isEmpty() ? "" : " " + name);
    };
  }

  /**
   * The Iceberg value of {@code value}, read with {@code schema}, for a column of type {@code
   * target}.
   */
  static Object value(Schema schema, Object value, Type target) {
    if (value == null) {
      return null;
    }
    if (UNAVAILABLE_PLACEHOLDER.equals(value)
        || (value instanceof byte[] bytes
            && UNAVAILABLE_PLACEHOLDER.equals(new String(bytes, StandardCharsets.UTF_8)))) {
      return UNAVAILABLE;
    }
    String name = schema.name() == null ? "" : schema.name();
    return switch (target.typeId()) {
      case INTEGER -> ((Number) value).intValue();
      case LONG -> ((Number) value).longValue();
      case FLOAT -> ((Number) value).floatValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case BOOLEAN -> value;
      case STRING -> value.toString();
      case DATE -> LocalDate.ofEpochDay(((Number) value).longValue());
      case TIME ->
          name.equals("io.debezium.time.Time")
              ? LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000_000L)
              : LocalTime.ofNanoOfDay(((Number) value).longValue() * 1_000L);
      case TIMESTAMP -> {
        if (value instanceof String text) {
          yield OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        }
        long raw = ((Number) value).longValue();
        long micros = name.equals("io.debezium.time.Timestamp") ? raw * 1000 : raw;
        yield LocalDateTime.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L),
            (int) Math.floorMod(micros, 1_000_000L) * 1000,
            ZoneOffset.UTC);
      }
      case DECIMAL -> {
        BigDecimal decimal = (BigDecimal) value;
        yield decimal.setScale(((Types.DecimalType) target).scale());
      }
      case BINARY -> ByteBuffer.wrap((byte[]) value);
      default ->
          throw LagoaException.internal(
              null, "Cannot convert %s to %s: no conversion", value.getClass(), target);
    };
  }

  /**
   * Whether a column of type {@code from} can hold values of type {@code to} after an in-place
   * Iceberg type promotion (int to long, float to double, wider decimal).
   */
  static boolean canWiden(Type from, Type to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.typeId() == Type.TypeID.INTEGER && to.typeId() == Type.TypeID.LONG) {
      return true;
    }
    if (from.typeId() == Type.TypeID.FLOAT && to.typeId() == Type.TypeID.DOUBLE) {
      return true;
    }
    if (from instanceof Types.DecimalType a && to instanceof Types.DecimalType b) {
      return a.scale() == b.scale() && b.precision() >= a.precision();
    }
    return false;
  }

  /** Whether a column of type {@code to} already holds every value of type {@code from}. */
  static boolean holds(Type column, Type incoming) {
    return column.equals(incoming) || canWiden(incoming, column);
  }
}
