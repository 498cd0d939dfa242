package dev.lagoa.models.project;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.config.PartitionField;
import java.util.List;

/**
 * A model's settings, from a YAML file under {@code models/} or the model's header block.
 *
 * @param table where the result goes, {@code namespace.name}; for a view, the DuckDB view's name
 * @param uniqueKey columns identifying a row; rows sharing them are reduced to one, the first by
 *     {@code orderBy}; empty: no deduplication
 * @param orderBy SQL ordering terms choosing the row kept per key ({@code currentMileage DESC});
 *     ties go to the newest row
 * @param partitionBy partition fields of the table: columns or transforms such as {@code day(ts)},
 *     parsed when the model is read
 * @param writeStrategy how an incremental run combines new rows with the table's (incremental only)
 * @param lookups inputs an incremental run reads in full rather than only their new rows: model
 *     names, or {@code source.table} for sources; for tables joined to the new rows (incremental
 *     only)
 */
public record ModelConfig(
    Materialization materialization,
    String table,
    List<String> uniqueKey,
    List<String> orderBy,
    List<PartitionField> partitionBy,
    WriteStrategy writeStrategy,
    List<String> lookups,
    List<Expectation> expectations,
    List<ModelTestDefinition> tests) {
  public ModelConfig {
    requireNonNull(materialization, "materialization is null");
    requireNonNull(table, "table is null");
    uniqueKey = List.copyOf(requireNonNull(uniqueKey, "uniqueKey is null"));
    orderBy = List.copyOf(requireNonNull(orderBy, "orderBy is null"));
    partitionBy = List.copyOf(requireNonNull(partitionBy, "partitionBy is null"));
    requireNonNull(writeStrategy, "writeStrategy is null");
    lookups = List.copyOf(requireNonNull(lookups, "lookups is null"));
    expectations = List.copyOf(requireNonNull(expectations, "expectations is null"));
    tests = List.copyOf(requireNonNull(tests, "tests is null"));
  }

  /** The table's namespace. */
  public String namespace() {
    return table.substring(0, table.lastIndexOf('.'));
  }

  /** The table's name within its namespace. */
  public String tableName() {
    return table.substring(table.lastIndexOf('.') + 1);
  }
}
