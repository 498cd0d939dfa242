package dev.lagoa.duckdb;

import dev.lagoa.core.LagoaException;
import java.util.StringJoiner;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Iceberg types and field ids spelled as DuckDB SQL. */
public final class DuckTypes {
  private DuckTypes() {}

  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  public static String sqlType(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> "BOOLEAN";
      case INTEGER -> "INTEGER";
      case LONG -> "BIGINT";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP ->
          ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
      case STRING -> "VARCHAR";
      case UUID -> "UUID";
      case BINARY, FIXED -> "BLOB";
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
      }
      case STRUCT -> {
        StringJoiner fields = new StringJoiner(", ", "STRUCT(", ")");
        for (Types.NestedField field : type.asStructType().fields()) {
          fields.add(quote(field.name()) + " " + sqlType(field.type()));
        }
        yield fields.toString();
      }
      case LIST -> sqlType(type.asListType().elementType()) + "[]";
      case MAP ->
          "MAP("
              + sqlType(type.asMapType().keyType())
              + ", "
              + sqlType(type.asMapType().valueType())
              + ")";
      default ->
          throw LagoaException.userInput(
              "Cannot map Iceberg type %s to DuckDB: not supported", type);
    };
  }

  /**
   * The {@code FIELD_IDS} option of {@code COPY ... (FORMAT parquet)} for every column of a schema.
   */
  public static String fieldIds(Schema schema) {
    StringJoiner ids = new StringJoiner(", ", "{", "}");
    for (Types.NestedField field : schema.columns()) {
      ids.add(literal(field.name()) + ": " + fieldId(field));
    }
    return ids.toString();
  }

  private static String fieldId(Types.NestedField field) {
    Type type = field.type();
    if (type.isPrimitiveType()) {
      return Integer.toString(field.fieldId());
    }
    StringJoiner nested = new StringJoiner(", ", "{", "}");
    nested.add("__duckdb_field_id: " + field.fieldId());
    for (Types.NestedField child : type.asNestedType().fields()) {
      String name =
          switch (type.typeId()) {
            case LIST -> "element";
            case MAP -> child.fieldId() == type.asMapType().keyId() ? "key" : "value";
            default -> child.name();
          };
      nested.add(literal(name) + ": " + fieldId(child));
    }
    return nested.toString();
  }

  /**
   * The {@code schema} parameter of {@code read_parquet}: columns matched by field id, so renamed
   * and added top-level columns read correctly (added ones as NULL). Nested fields match by name.
   */
  public static String readSchema(Schema schema) {
    StringJoiner columns = new StringJoiner(", ", "MAP {", "}");
    for (Types.NestedField field : schema.columns()) {
      columns.add(
          field.fieldId()
              + ": {name: "
              + literal(field.name())
              + ", type: "
              + literal(sqlType(field.type()))
              + ", default_value: NULL}");
    }
    return columns.toString();
  }

  /**
   * A query returning no rows with the columns of {@code schema}; DuckDB's view of an empty table.
   */
  public static String emptyRelation(Schema schema) {
    StringJoiner columns = new StringJoiner(", ", "SELECT ", " WHERE false");
    for (Types.NestedField field : schema.columns()) {
      columns.add("CAST(NULL AS " + sqlType(field.type()) + ") AS " + quote(field.name()));
    }
    return columns.toString();
  }
}
