package dev.lagoa.duckdb;

import static dev.lagoa.duckdb.DuckTypes.quote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Reads data files written under older schemas as rows of the current one. Each file's columns are
 * known from its Iceberg statistics (the leaf field ids it has values for); a file is read with
 * exactly the columns it has and then widened in SQL, a missing column or nested field becoming
 * NULL.
 *
 * <p>DuckDB's {@code read_parquet(schema = ...)} fills missing top-level columns itself but crashes
 * on a missing nested field (DuckDB 2.0: "Attempted to access index 2 within vector of size 2",
 * which invalidates the database), so nested gaps are filled here instead.
 */
final class FileSchemas {
  private FileSchemas() {}

  /** The field ids of the leaf columns a data file holds. */
  static Set<Integer> leafIds(DataFile file) {
    Set<Integer> ids = new HashSet<>();
    if (file.columnSizes() != null) {
      ids.addAll(file.columnSizes().keySet());
    }
    if (file.valueCounts() != null) {
      ids.addAll(file.valueCounts().keySet());
    }
    return ids;
  }

  /** The part of {@code schema} present in a file holding {@code leafIds}. */
  static Schema pruned(Schema schema, Set<Integer> leafIds) {
    List<Types.NestedField> columns = new ArrayList<>();
    for (Types.NestedField column : schema.columns()) {
      Type type = prune(column.type(), leafIds, column.fieldId());
      if (type != null) {
        columns.add(Types.NestedField.optional(column.fieldId(), column.name(), type));
      }
    }
    return new Schema(columns);
  }

  private static Type prune(Type type, Set<Integer> leafIds, int fieldId) {
    if (type.isPrimitiveType()) {
      return leafIds.contains(fieldId) ? type : null;
    }
    if (type.isStructType()) {
      List<Types.NestedField> fields = new ArrayList<>();
      for (Types.NestedField field : type.asStructType().fields()) {
        Type child = prune(field.type(), leafIds, field.fieldId());
        if (child != null) {
          fields.add(Types.NestedField.optional(field.fieldId(), field.name(), child));
        }
      }
      return fields.isEmpty() ? null : Types.StructType.of(fields);
    }
    if (type.isListType()) {
      Types.ListType list = type.asListType();
      Type element = prune(list.elementType(), leafIds, list.elementId());
      return element == null ? null : Types.ListType.ofOptional(list.elementId(), element);
    }
    // Maps are read whole: a file either has the map column or it does not.
    Set<Integer> mapLeaves = new HashSet<>(TypeUtil.getProjectedIds(type));
    mapLeaves.retainAll(leafIds);
    return mapLeaves.isEmpty() ? null : type;
  }

  /**
   * SQL selecting every column of {@code target} from a relation whose columns are {@code source}.
   */
  static String widen(Schema source, Schema target) {
    StringJoiner columns = new StringJoiner(", ");
    for (Types.NestedField column : target.columns()) {
      Types.NestedField present = source.findField(column.fieldId());
      String value =
          present == null
              ? "CAST(NULL AS " + DuckTypes.sqlType(column.type()) + ")"
              : widen(quote(present.name()), present.type(), column.type());
      columns.add(value + " AS " + quote(column.name()));
    }
    return columns.toString();
  }

  private static String widen(String expression, Type source, Type target) {
    if (source.equals(target)) {
      return expression;
    }
    if (target.isPrimitiveType()) {
      return "CAST(" + expression + " AS " + DuckTypes.sqlType(target) + ")";
    }
    if (target.isListType()) {
      return "list_transform("
          + expression
          + ", __e -> "
          + widen("__e", source.asListType().elementType(), target.asListType().elementType())
          + ")";
    }
    if (target.isStructType()) {
      StringJoiner fields = new StringJoiner(", ", "struct_pack(", ")");
      for (Types.NestedField field : target.asStructType().fields()) {
        Types.NestedField present = source.asStructType().field(field.fieldId());
        String value =
            present == null
                ? "CAST(NULL AS " + DuckTypes.sqlType(field.type()) + ")"
                : widen(expression + "." + quote(present.name()), present.type(), field.type());
        fields.add(quote(field.name()) + " := " + value);
      }
      return "CASE WHEN " + expression + " IS NULL THEN NULL ELSE " + fields + " END";
    }
    return "CAST(" + expression + " AS " + DuckTypes.sqlType(target) + ")";
  }
}
