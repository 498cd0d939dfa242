package dev.lagoa.api.resources;

import dev.lagoa.api.ApiError;
import java.math.BigDecimal;
import org.apache.iceberg.types.Type;

/** Turns a query parameter's text into a value of a column's type, or names what is wrong. */
final class ColumnValues {
  private ColumnValues() {}

  static Object parse(String parameter, String text, Type type) {
    try {
      return switch (type.typeId()) {
        case INTEGER, LONG -> Long.parseLong(text.trim());
        case FLOAT, DOUBLE -> Double.parseDouble(text.trim());
        case DECIMAL -> new BigDecimal(text.trim());
        case BOOLEAN -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new NumberFormatException();
          }
          yield Boolean.parseBoolean(text);
        }
        default -> text;
      };
    } catch (NumberFormatException e) {
      String expected =
          switch (type.typeId()) {
            case INTEGER, LONG -> "a whole number";
            case BOOLEAN -> "true or false";
            default -> "a number";
          };
      throw ApiError.badParameter(
          parameter, parameter + " was '" + text + "' but it must be " + expected);
    }
  }
}
