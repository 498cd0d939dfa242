package dev.lagoa.iceberg;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PartitionField;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Builds a table's partition spec from its {@code partition_by} entries, which were parsed when the
 * configuration was read ({@link PartitionField}); what is left to check is that each names a
 * top-level primitive column of the table.
 */
public final class PartitionSpecs {
  private PartitionSpecs() {}

  public static PartitionSpec parse(Schema schema, List<PartitionField> fields) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (PartitionField field : fields) {
      String column = field.column();
      requireTopLevelColumn(schema, column, field.text());
      switch (field.transform()) {
        case IDENTITY -> builder.identity(column);
        case YEAR -> builder.year(column);
        case MONTH -> builder.month(column);
        case DAY -> builder.day(column);
        case HOUR -> builder.hour(column);
        case TRUNCATE -> builder.truncate(column, field.width());
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
