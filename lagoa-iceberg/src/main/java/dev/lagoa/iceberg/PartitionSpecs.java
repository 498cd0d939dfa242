package dev.lagoa.iceberg;

import dev.lagoa.core.LagoaException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Parses partition fields written as in SQL DDL: {@code event_date}, {@code day(ts)}, {@code
 * month(ts)}, {@code year(ts)}, {@code hour(ts)}, {@code truncate(col, 4)}.
 */
public final class PartitionSpecs {
  private static final Pattern TRANSFORM =
      Pattern.compile("\\s*(\\w+)\\s*\\(\\s*([\\w.]+)\\s*(?:,\\s*(\\d+)\\s*)?\\)\\s*");

  private PartitionSpecs() {}

  public static PartitionSpec parse(Schema schema, List<String> fields) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String field : fields) {
      Matcher matcher = TRANSFORM.matcher(field);
      if (!matcher.matches()) {
        requireTopLevelColumn(schema, field.trim(), field);
        builder.identity(field.trim());
        continue;
      }
      String transform = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
      String column = matcher.group(2);
      requireTopLevelColumn(schema, column, field);
      switch (transform) {
        case "identity" -> builder.identity(column);
        case "year", "years" -> builder.year(column);
        case "month", "months" -> builder.month(column);
        case "day", "days" -> builder.day(column);
        case "hour", "hours" -> builder.hour(column);
        case "truncate" -> {
          if (matcher.group(3) == null) {
            throw LagoaException.userInput(
                "Cannot partition by %s: truncate needs a width, e.g. truncate(%s, 4)",
                field, column);
          }
          builder.truncate(column, Integer.parseInt(matcher.group(3)));
        }
        default ->
            throw LagoaException.userInput(
                "Cannot partition by %s: unknown transform '%s', expected identity, year, month, day, hour or truncate",
                field, transform);
      }
    }
    return builder.build();
  }

  private static void requireTopLevelColumn(Schema schema, String column, String field) {
    Types.NestedField found = schema.asStruct().field(column);
    if (found == null) {
      throw LagoaException.userInput(
          "Cannot partition by %s: the table has no top-level column '%s'", field, column);
    }
    if (!found.type().isPrimitiveType()) {
      throw LagoaException.userInput(
          "Cannot partition by %s: column '%s' is a %s, not a primitive value",
          field, column, found.type());
    }
  }
}
