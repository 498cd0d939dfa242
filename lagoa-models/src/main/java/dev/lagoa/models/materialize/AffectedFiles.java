package dev.lagoa.models.materialize;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.DateTimeUtil;
import org.apache.iceberg.util.StructLikeSet;

/**
 * Which data files of a table an incremental write must rewrite. New rows are compared with the
 * table through Iceberg's metadata only (partition values and column bounds), never by scanning the
 * table, so the cost of a run follows the new rows and the partitions they touch.
 */
final class AffectedFiles {
  /**
   * Beyond this many distinct key values, files are pruned by the values' range instead of the set.
   */
  private static final int MAX_IN_VALUES = 1_000;

  private AffectedFiles() {}

  static List<DataFile> all(Table table, Snapshot base) {
    return base == null ? List.of() : scan(table, base, Expressions.alwaysTrue());
  }

  /**
   * The files of the partitions that rows of {@code batch} fall in; files of older specs always.
   */
  static List<DataFile> inTouchedPartitions(
      DuckEngine engine, Table table, Snapshot base, String batch) {
    if (base == null) {
      return List.of();
    }
    Schema schema = table.schema();
    PartitionSpec spec = table.spec();
    Map<String, Types.NestedField> sources = new LinkedHashMap<>();
    for (PartitionField field : spec.fields()) {
      Types.NestedField source = schema.findField(field.sourceId());
      sources.put(source.name(), source);
    }
    List<Object[]> tuples = distinctValues(engine, batch, List.copyOf(sources.values()));
    if (tuples == null) {
      return all(table, base);
    }
    StructLikeSet touched = StructLikeSet.create(spec.partitionType());
    for (Object[] tuple : tuples) {
      GenericRecord record = GenericRecord.create(schema);
      int i = 0;
      for (String name : sources.keySet()) {
        record.setField(name, tuple[i++]);
      }
      PartitionKey key = new PartitionKey(spec, schema);
      key.partition(record);
      touched.add(key.copy());
    }
    return scan(table, base, Expressions.alwaysTrue()).stream()
        .filter(file -> file.specId() != spec.specId() || touched.contains(file.partition()))
        .toList();
  }

  /**
   * The files that may hold a row with the unique key of a row of {@code batch}, by column bounds.
   */
  static List<DataFile> holdingKeys(
      DuckEngine engine, Table table, Snapshot base, String batch, List<String> key) {
    if (base == null) {
      return List.of();
    }
    List<Types.NestedField> columns = new ArrayList<>();
    for (String column : key) {
      columns.add(table.schema().findField(column));
    }
    List<Object[]> tuples = distinctValues(engine, batch, columns);
    if (tuples == null) {
      return all(table, base);
    }
    if (tuples.isEmpty()) {
      return List.of();
    }
    Expression filter = Expressions.alwaysTrue();
    for (int i = 0; i < columns.size(); i++) {
      filter = Expressions.and(filter, valuesFilter(columns.get(i), tuples, i));
    }
    return scan(table, base, filter);
  }

  private static Expression valuesFilter(
      Types.NestedField column, List<Object[]> tuples, int index) {
    Set<Object> values = new LinkedHashSet<>();
    boolean nulls = false;
    for (Object[] tuple : tuples) {
      if (tuple[index] == null) {
        nulls = true;
      } else {
        values.add(tuple[index]);
      }
    }
    Expression filter;
    if (values.isEmpty()) {
      filter = Expressions.alwaysFalse();
    } else if (values.size() <= MAX_IN_VALUES) {
      filter = Expressions.in(column.name(), values.toArray());
    } else {
      @SuppressWarnings("unchecked")
      Comparator<Object> order =
          (Comparator<Object>) (Comparator<?>) Comparators.forType(column.type().asPrimitiveType());
      Object min = values.stream().min(order).orElseThrow();
      Object max = values.stream().max(order).orElseThrow();
      filter =
          Expressions.and(
              Expressions.greaterThanOrEqual(column.name(), min),
              Expressions.lessThanOrEqual(column.name(), max));
    }
    return nulls ? Expressions.or(filter, Expressions.isNull(column.name())) : filter;
  }

  private static List<DataFile> scan(Table table, Snapshot base, Expression filter) {
    Map<String, DataFile> files = new LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table
            .newScan()
            .useSnapshot(base.snapshotId())
            .filter(filter)
            .includeColumnStats()
            .planFiles()) {
      for (FileScanTask task : tasks) {
        files.putIfAbsent(task.file().location(), task.file());
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot plan the files of %s: %s", table.name(), e.getMessage());
    }
    return List.copyOf(files.values());
  }

  /**
   * The distinct values of {@code columns} in {@code relation}, in Iceberg's internal
   * representation (days for dates, microseconds for timestamps); null when a column's type cannot
   * be compared this way.
   */
  private static List<Object[]> distinctValues(
      DuckEngine engine, String relation, List<Types.NestedField> columns) {
    StringJoiner select = new StringJoiner(", ", "SELECT DISTINCT ", " FROM " + relation);
    for (Types.NestedField column : columns) {
      if (!column.type().isPrimitiveType() || !comparable(column.type())) {
        return null;
      }
      String value =
          "CAST(" + quote(column.name()) + " AS " + DuckTypes.sqlType(column.type()) + ")";
      select.add(
          switch (column.type().typeId()) {
            case TIMESTAMP -> "strftime(" + value + ", '%Y-%m-%dT%H:%M:%S.%f')";
            default -> "CAST(" + value + " AS VARCHAR)";
          });
    }
    List<Object[]> tuples = new ArrayList<>();
    String sql = select.toString();
    boolean[] convertible = {true};
    engine.query(
        sql,
        result -> {
          try {
            while (result.next()) {
              Object[] tuple = new Object[columns.size()];
              for (int i = 0; i < tuple.length; i++) {
                String text = result.getString(i + 1);
                try {
                  tuple[i] = text == null ? null : internal(text, columns.get(i).type());
                } catch (RuntimeException e) {
                  convertible[0] =
                      false; // NaN, infinity: no bound excludes a file; rewrite them all
                }
              }
              tuples.add(tuple);
            }
          } catch (SQLException e) {
            throw LagoaException.internal(e, "Cannot read key values: %s", e.getMessage());
          }
        });
    return convertible[0] ? tuples : null;
  }

  private static boolean comparable(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE, STRING, DATE, TIMESTAMP, DECIMAL -> true;
      default -> false;
    };
  }

  private static Object internal(String text, Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> Boolean.parseBoolean(text);
      case INTEGER -> Integer.valueOf(text);
      case LONG -> Long.valueOf(text);
      case FLOAT -> Float.valueOf(text);
      case DOUBLE -> Double.valueOf(text);
      case DATE -> (int) LocalDate.parse(text).toEpochDay();
      // The engine runs in UTC, so a TIMESTAMPTZ prints as its UTC wall time.
      case TIMESTAMP -> DateTimeUtil.microsFromTimestamp(LocalDateTime.parse(text));
      case DECIMAL -> new BigDecimal(text).setScale(((Types.DecimalType) type).scale());
      default -> text;
    };
  }
}
