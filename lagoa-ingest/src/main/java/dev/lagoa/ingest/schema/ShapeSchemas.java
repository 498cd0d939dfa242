package dev.lagoa.ingest.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Converts between shapes and Iceberg schemas: the starting shape of a load and the columns it
 * adds.
 */
public final class ShapeSchemas {
  private ShapeSchemas() {}

  /** The fixed shape of a table's columns. */
  public static Shape of(Schema schema) {
    return Shape.of(schema.asStruct());
  }

  /** An empty root for a table that does not exist yet: every field will be pending. */
  public static Shape emptyRoot() {
    return Shape.pending(Shape.Kind.STRUCT);
  }

  /** The schema of a new table: the fields learned from the data, then Lagoa's metadata columns. */
  public static Schema newTableSchema(Shape root, List<Types.NestedField> metadataColumns) {
    AtomicInteger ids = new AtomicInteger();
    List<Types.NestedField> columns = new ArrayList<>();
    for (Map.Entry<String, Shape> field : root.fields().entrySet()) {
      columns.add(
          Types.NestedField.optional(
              ids.incrementAndGet(), field.getKey(), type(field.getValue(), ids)));
    }
    for (Types.NestedField column : metadataColumns) {
      columns.add(Types.NestedField.optional(ids.incrementAndGet(), column.name(), column.type()));
    }
    AtomicInteger fresh = new AtomicInteger();
    return new Schema(
        TypeUtil.assignFreshIds(Types.StructType.of(columns), fresh::incrementAndGet)
            .asStructType()
            .fields());
  }

  /** Adds to {@code update} every pending field under a fixed parent; returns how many. */
  public static List<String> addPendingColumns(Shape root, UpdateSchema update) {
    List<String> added = new ArrayList<>();
    addPending(root, null, update, added);
    return added;
  }

  private static void addPending(
      Shape struct, String parent, UpdateSchema update, List<String> added) {
    for (Map.Entry<String, Shape> entry : struct.fields().entrySet()) {
      Shape field = entry.getValue();
      String path = parent == null ? entry.getKey() : parent + "." + entry.getKey();
      if (field.isPending()) {
        update.addColumn(parent, entry.getKey(), type(field, new AtomicInteger(1_000_000)));
        added.add(path);
      } else if (field.kind() == Shape.Kind.STRUCT) {
        addPending(field, path, update, added);
      } else if (field.kind() == Shape.Kind.LIST
          && field.element() != null
          && field.element().kind() == Shape.Kind.STRUCT) {
        addPending(field.element(), path + ".element", update, added);
      }
    }
  }

  /** The Iceberg type of a shape; ids are placeholders that the schema update reassigns. */
  public static Type type(Shape shape, AtomicInteger ids) {
    return switch (shape.kind()) {
      case BOOLEAN -> Types.BooleanType.get();
      case LONG -> Types.LongType.get();
      case DOUBLE -> Types.DoubleType.get();
      case STRING -> Types.StringType.get();
      case OTHER -> shape.otherType();
      case STRUCT -> {
        List<Types.NestedField> fields = new ArrayList<>();
        for (Map.Entry<String, Shape> field : shape.fields().entrySet()) {
          fields.add(
              Types.NestedField.optional(
                  ids.incrementAndGet(), field.getKey(), type(field.getValue(), ids)));
        }
        yield Types.StructType.of(fields);
      }
      case LIST ->
          Types.ListType.ofOptional(
              ids.incrementAndGet(),
              shape.element() == null ? Types.StringType.get() : type(shape.element(), ids));
    };
  }
}
