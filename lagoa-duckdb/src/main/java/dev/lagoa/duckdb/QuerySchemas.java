package dev.lagoa.duckdb;

import dev.lagoa.core.LagoaException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg schema of a DuckDB query's result, for creating the table a query writes into. DuckDB
 * describes the result ({@code DESCRIBE <query>}) with type names such as {@code STRUCT(a INTEGER,
 * b VARCHAR[])}, which are parsed here. Every column is optional: SQL results carry no NOT NULL.
 */
public final class QuerySchemas {
  private QuerySchemas() {}

  /** The schema of the rows {@code query} returns, without running it. */
  public static Schema schemaOf(DuckEngine engine, String query) {
    List<String[]> columns = new ArrayList<>();
    String sql = "DESCRIBE " + query;
    engine.query(
        sql,
        result -> {
          try {
            while (result.next()) {
              columns.add(
                  new String[] {result.getString("column_name"), result.getString("column_type")});
            }
          } catch (SQLException e) {
            throw DuckEngine.queryFailed(sql, e);
          }
        });
    AtomicInteger ids = new AtomicInteger();
    List<Types.NestedField> fields = new ArrayList<>();
    for (String[] column : columns) {
      Type type;
      try {
        type = icebergType(column[1], ids);
      } catch (IllegalArgumentException e) {
        throw LagoaException.userInput(
            "Cannot store column %s of type %s in a table: %s",
            column[0], column[1], e.getMessage());
      }
      fields.add(Types.NestedField.optional(ids.incrementAndGet(), column[0], type));
    }
    return new Schema(fields);
  }

  /**
   * The Iceberg type for a DuckDB type name. Nested types get field ids from {@code ids}.
   *
   * @throws IllegalArgumentException when Iceberg has no equivalent (INTERVAL, UNION, BIT)
   */
  public static Type icebergType(String duckType, AtomicInteger ids) {
    Parser parser = new Parser(duckType, ids);
    Type type = parser.type();
    parser.expectEnd();
    return type;
  }

  private static final class Parser {
    private final String text;
    private final AtomicInteger ids;
    private int position;

    Parser(String text, AtomicInteger ids) {
      this.text = text;
      this.ids = ids;
    }

    Type type() {
      Type type = baseType();
      skipSpaces();
      // Lists (INTEGER[]) and fixed-size arrays (INTEGER[3]) both become Iceberg lists.
      while (peek() == '[') {
        int close = text.indexOf(']', position);
        if (close < 0) {
          throw new IllegalArgumentException("unbalanced [ in " + text);
        }
        position = close + 1;
        type = Types.ListType.ofOptional(ids.incrementAndGet(), type);
        skipSpaces();
      }
      return type;
    }

    private Type baseType() {
      skipSpaces();
      String name = word().toUpperCase(Locale.ROOT);
      return switch (name) {
        case "BOOLEAN", "BOOL" -> Types.BooleanType.get();
        case "TINYINT", "SMALLINT", "INTEGER", "INT", "UTINYINT", "USMALLINT" ->
            Types.IntegerType.get();
        case "BIGINT", "UINTEGER" -> Types.LongType.get();
        case "UBIGINT", "HUGEINT", "UHUGEINT" -> Types.DecimalType.of(38, 0);
        case "FLOAT", "REAL" -> Types.FloatType.get();
        case "DOUBLE" -> Types.DoubleType.get();
        case "DECIMAL", "NUMERIC" -> decimal();
        case "VARCHAR", "STRING", "TEXT", "JSON" -> Types.StringType.get();
        case "ENUM" -> {
          skipParenthesized();
          yield Types.StringType.get();
        }
        case "BLOB", "BYTEA" -> Types.BinaryType.get();
        case "UUID" -> Types.UUIDType.get();
        case "DATE" -> Types.DateType.get();
        case "TIME" -> Types.TimeType.get();
        case "TIMESTAMP" -> timestamp();
        case "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATETIME" ->
            Types.TimestampType.withoutZone();
        case "TIMESTAMPTZ" -> Types.TimestampType.withZone();
        case "STRUCT" -> struct();
        case "MAP" -> map();
        case "\"NULL\"", "NULL" -> Types.StringType.get();
        default -> throw new IllegalArgumentException("Iceberg has no type for DuckDB's " + name);
      };
    }

    private Type timestamp() {
      int mark = position;
      skipSpaces();
      if (text.regionMatches(true, position, "WITH TIME ZONE", 0, "WITH TIME ZONE".length())) {
        position += "WITH TIME ZONE".length();
        return Types.TimestampType.withZone();
      }
      position = mark;
      return Types.TimestampType.withoutZone();
    }

    private Type decimal() {
      skipSpaces();
      if (peek() != '(') {
        return Types.DecimalType.of(18, 3); // DuckDB's default DECIMAL
      }
      position++;
      int precision = Integer.parseInt(word().trim());
      expect(',');
      int scale = Integer.parseInt(word().trim());
      expect(')');
      return Types.DecimalType.of(precision, scale);
    }

    private Type struct() {
      expect('(');
      List<Types.NestedField> fields = new ArrayList<>();
      while (true) {
        skipSpaces();
        String name = identifier();
        Type type = type();
        fields.add(Types.NestedField.optional(ids.incrementAndGet(), name, type));
        skipSpaces();
        if (peek() == ',') {
          position++;
        } else {
          expect(')');
          return Types.StructType.of(fields);
        }
      }
    }

    private Type map() {
      expect('(');
      Type key = type();
      expect(',');
      Type value = type();
      expect(')');
      int keyId = ids.incrementAndGet();
      return Types.MapType.ofOptional(keyId, ids.incrementAndGet(), key, value);
    }

    private String identifier() {
      if (peek() != '"') {
        return word();
      }
      StringBuilder name = new StringBuilder();
      position++;
      while (position < text.length()) {
        char c = text.charAt(position++);
        if (c == '"') {
          if (peek() == '"') {
            name.append('"');
            position++;
          } else {
            return name.toString();
          }
        } else {
          name.append(c);
        }
      }
      throw new IllegalArgumentException("unterminated quoted name in " + text);
    }

    /** A run of characters up to a space or one of {@code (),[}. */
    private String word() {
      skipSpaces();
      int start = position;
      if (peek() == '"') {
        return '"' + identifier() + '"';
      }
      while (position < text.length() && " (),[".indexOf(text.charAt(position)) < 0) {
        position++;
      }
      if (start == position) {
        throw new IllegalArgumentException("expected a type at position " + start + " of " + text);
      }
      return text.substring(start, position);
    }

    private void skipParenthesized() {
      skipSpaces();
      if (peek() != '(') {
        return;
      }
      int depth = 0;
      boolean quoted = false;
      while (position < text.length()) {
        char c = text.charAt(position++);
        if (c == '\'') {
          quoted = !quoted;
        } else if (!quoted && c == '(') {
          depth++;
        } else if (!quoted && c == ')' && --depth == 0) {
          return;
        }
      }
    }

    private void expect(char c) {
      skipSpaces();
      if (peek() != c) {
        throw new IllegalArgumentException(
            "expected '" + c + "' at position " + position + " of " + text);
      }
      position++;
    }

    void expectEnd() {
      skipSpaces();
      if (position != text.length()) {
        throw new IllegalArgumentException(
            "unexpected text at position " + position + " of " + text);
      }
    }

    private char peek() {
      return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
      while (position < text.length() && text.charAt(position) == ' ') {
        position++;
      }
    }
  }
}
