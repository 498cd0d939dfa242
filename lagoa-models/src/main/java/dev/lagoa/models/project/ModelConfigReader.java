package dev.lagoa.models.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.config.ConfigNode;
import dev.lagoa.core.config.ConfigProblems;
import dev.lagoa.core.config.PartitionField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one model's settings from its YAML mapping, recording every problem with its path. The
 * settings, all optional:
 *
 * <pre>{@code
 * materialized: incremental          # view | table (default) | incremental
 * table: silver.car_readings         # default: <first folder under models/ or 'silver'>.<model>
 * unique_key: [carChassis, event_date]
 * order_by: currentMileage DESC      # or a list; picks the row kept per unique_key
 * partition_by: [event_date]         # columns or transforms: day(ts), month(ts), truncate(col, 4)
 * write_mode: overwrite_partitions   # append (default) | merge | overwrite_partitions; incremental only
 * lookups: [stg_movies]              # inputs read in full by incremental runs (model, or source.table)
 * expectations:
 *   - name: has_chassis
 *     expect: carChassis IS NOT NULL
 *     on_failure: drop               # warn (default) | drop | fail
 * tests:
 *   - not_null: [carChassis, event_date]     # one test per column
 *   - unique: [carChassis, event_date]       # the combination is unique
 *   - accepted_values: {column: color, values: [red, blue]}
 *   - relationships: {column: movieId, to: stg_movies, field: movieId}
 *   - name: no_negative_mileage              # a query returning the failing rows
 *     sql: SELECT * FROM {{ this }} WHERE currentMileage < 0
 *     severity: warn                         # error (default) | warn; on any test
 * }</pre>
 */
final class ModelConfigReader {
  private static final Pattern TABLE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final List<String> TEST_KINDS =
      List.of("not_null", "unique", "accepted_values", "relationships", "sql");

  private ModelConfigReader() {}

  static ModelConfig read(
      String model, String defaultTable, JsonNode yaml, String path, ConfigProblems problems) {
    ConfigNode node = new ConfigNode(yaml, path, problems);
    Materialization materialization =
        choice(node, "materialized", Materialization.class, Materialization.TABLE);
    String table = node.string("table", defaultTable);
    if (!TABLE.matcher(table).matches()) {
      problems.add(at(path, "table"), "was '" + table + "' but it must be namespace.name");
      table = defaultTable;
    }
    List<String> uniqueKey = nonBlank(node, "unique_key", problems);
    List<String> orderBy = nonBlank(node, "order_by", problems);
    List<PartitionField> partitionBy = PartitionField.read(node, "partition_by");
    boolean writeModeGiven = node.has("write_mode");
    WriteStrategy writeStrategy =
        choice(node, "write_mode", WriteStrategy.class, WriteStrategy.APPEND);
    List<String> lookups = nonBlank(node, "lookups", problems);
    List<Expectation> expectations = node.list("expectations", ModelConfigReader::expectation);
    List<ModelTestDefinition> tests = new ArrayList<>();
    node.list("tests", item -> tests(model, item)).forEach(tests::addAll);
    node.optionalString("engine"); // read (and checked) by engine(): not part of the definition
    node.rejectUnknownKeys();

    if (materialization == Materialization.VIEW) {
      for (String key : List.of("unique_key", "order_by", "partition_by", "expectations")) {
        if (node.has(key)) {
          problems.add(
              at(path, key),
              "is set but a view has no table: use materialized: table or incremental");
        }
      }
    }
    if (writeModeGiven && materialization != Materialization.INCREMENTAL) {
      problems.add(at(path, "write_mode"), "is set but only incremental models have one");
    }
    if (!orderBy.isEmpty() && uniqueKey.isEmpty()) {
      problems.add(
          at(path, "order_by"), "is set but it only picks a row per unique_key, which is not set");
    }
    if (!lookups.isEmpty() && materialization != Materialization.INCREMENTAL) {
      problems.add(at(path, "lookups"), "is set but only incremental runs read inputs partly");
    }
    if (materialization == Materialization.INCREMENTAL) {
      if (writeStrategy == WriteStrategy.MERGE && uniqueKey.isEmpty()) {
        problems.add(at(path, "write_mode"), "was 'merge' but merging needs a unique_key");
      }
      if (writeStrategy == WriteStrategy.OVERWRITE_PARTITIONS && partitionBy.isEmpty()) {
        problems.add(
            at(path, "write_mode"), "was 'overwrite_partitions' but the model has no partition_by");
      }
    }
    Set<String> expectationNames = new HashSet<>();
    for (int i = 0; i < expectations.size(); i++) {
      if (!expectationNames.add(expectations.get(i).name())) {
        problems.add(
            at(path, "expectations[" + i + "].name"),
            "was '" + expectations.get(i).name() + "' but it is used twice");
      }
    }
    Set<String> testNames = new HashSet<>();
    for (ModelTestDefinition test : tests) {
      if (!testNames.add(test.name())) {
        problems.add(
            at(path, "tests"), "has two tests named '" + test.name() + "': give one a name");
      }
    }
    return new ModelConfig(
        materialization,
        table,
        uniqueKey,
        orderBy,
        partitionBy,
        writeStrategy,
        lookups,
        expectations,
        tests);
  }

  /**
   * The model's own {@code engine: duckdb | spark}, or null for the project's. Kept out of {@link
   * ModelConfig}: both engines build the same rows, so changing it must not make the model's table
   * stale.
   */
  static dev.lagoa.core.config.Engine engine(JsonNode yaml, String path, ConfigProblems problems) {
    return new ConfigNode(yaml, path, problems)
        .enumValue("engine", dev.lagoa.core.config.Engine.class, null);
  }

  private static String at(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * A value from a fixed set, written in lower case with underscores ({@code
   * overwrite_partitions}).
   */
  private static <E extends Enum<E>> E choice(
      ConfigNode node, String key, Class<E> type, E defaultValue) {
    Optional<String> value = node.optionalString(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value.get().replace('-', '_'))) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    node.problems()
        .add(
            at(node.path(), key),
            "was '" + value.get() + "' but it must be one of " + String.join(", ", allowed));
    return defaultValue;
  }

  private static List<String> nonBlank(ConfigNode node, String key, ConfigProblems problems) {
    List<String> values = node.stringList(key);
    for (String value : values) {
      if (value.isBlank()) {
        problems.add(
            at(node.path(), key), "holds a blank value but each must name a column or expression");
        return List.of();
      }
    }
    return values;
  }

  private static Expectation expectation(ConfigNode node) {
    String name = node.requiredString("name");
    if (!name.isEmpty() && !NAME.matcher(name).matches()) {
      node.problems()
          .add(at(node.path(), "name"), "was '" + name + "' but it must be letters, digits and _");
    }
    Expectation expectation =
        new Expectation(
            name,
            node.requiredString("expect"),
            choice(node, "on_failure", ExpectationAction.class, ExpectationAction.WARN));
    node.rejectUnknownKeys();
    return expectation;
  }

  private static List<ModelTestDefinition> tests(String model, ConfigNode node) {
    List<String> kinds = TEST_KINDS.stream().filter(node::has).toList();
    if (kinds.size() != 1) {
      node.problems()
          .add(
              node.path(),
              (kinds.isEmpty() ? "names no test" : "names " + String.join(" and ", kinds))
                  + " but each test must be exactly one of "
                  + String.join(", ", TEST_KINDS));
      return List.of();
    }
    Severity severity = choice(node, "severity", Severity.class, Severity.ERROR);
    String name = node.optionalString("name").orElse("");
    List<ModelTestDefinition> tests = new ArrayList<>();
    switch (kinds.get(0)) {
      case "not_null" -> {
        List<String> columns = node.stringList("not_null");
        if (!name.isEmpty() && columns.size() > 1) {
          node.problems()
              .add(
                  at(node.path(), "name"),
                  "is set but not_null lists several columns, each its own test");
        }
        for (String column : columns) {
          tests.add(
              new ModelTestDefinition.NotNull(
                  name.isEmpty() ? "not_null_" + model + "_" + column : name, column, severity));
        }
      }
      case "unique" -> {
        List<String> columns = node.stringList("unique");
        tests.add(
            new ModelTestDefinition.Unique(
                name.isEmpty() ? "unique_" + model + "_" + String.join("_", columns) : name,
                columns,
                severity));
      }
      case "accepted_values" -> {
        ConfigNode values = node.child("accepted_values");
        String column = values.requiredString("column");
        List<String> accepted = values.stringList("values");
        if (accepted.isEmpty()) {
          node.problems().add(values.path() + ".values", "is missing but it is required");
        }
        values.rejectUnknownKeys();
        tests.add(
            new ModelTestDefinition.AcceptedValues(
                name.isEmpty() ? "accepted_values_" + model + "_" + column : name,
                column,
                accepted,
                severity));
      }
      case "relationships" -> {
        ConfigNode relationship = node.child("relationships");
        String column = relationship.requiredString("column");
        String to = relationship.requiredString("to");
        String field = relationship.string("field", column);
        relationship.rejectUnknownKeys();
        tests.add(
            new ModelTestDefinition.Relationships(
                name.isEmpty()
                    ? "relationships_" + model + "_" + column + "__" + to + "_" + field
                    : name,
                column,
                to,
                field,
                severity));
      }
      default -> {
        String sql = node.requiredString("sql");
        if (name.isEmpty()) {
          node.problems().add(at(node.path(), "name"), "is missing but a sql test needs a name");
        }
        tests.add(new ModelTestDefinition.Sql(name, sql, severity));
      }
    }
    node.rejectUnknownKeys();
    return tests;
  }

  static SourceDeclaration source(String name, ConfigNode node) {
    String namespace = node.string("namespace", name);
    if (!NAME.matcher(namespace).matches()) {
      node.problems()
          .add(
              at(node.path(), "namespace"),
              "was '" + namespace + "' but it must be letters, digits and _");
    }
    Map<String, String> tables = node.stringMap("tables");
    tables.forEach(
        (table, catalogTable) -> {
          if (!TABLE.matcher(catalogTable).matches()) {
            node.problems()
                .add(
                    at(node.path(), "tables." + table),
                    "was '" + catalogTable + "' but it must be namespace.name");
          }
        });
    node.rejectUnknownKeys();
    return new SourceDeclaration(name, namespace, tables);
  }
}
