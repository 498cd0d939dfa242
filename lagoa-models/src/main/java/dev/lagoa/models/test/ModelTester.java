package dev.lagoa.models.test;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.functions.SparkFunctions;
import dev.lagoa.models.materialize.Relations;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.project.ModelTestDefinition;
import dev.lagoa.models.template.SqlTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Runs the tests declared on models against their current data. Each test is a query returning the
 * rows that break it; a failure carries a sample of those rows so the reader sees what is wrong
 * without running anything by hand.
 */
public final class ModelTester {
  public static final int SAMPLE_ROWS = 5;

  private final DuckEngine engine;
  private final LakeCatalog catalog;

  public ModelTester(DuckEngine engine, LakeCatalog catalog) {
    this.engine = engine;
    this.catalog = catalog;
    SparkFunctions.register(engine);
  }

  /** Tests every selected model, in run order. */
  public TestReport test(ModelProject project, Selection selection) {
    List<TestResult> results = new ArrayList<>();
    for (String name : project.graph().select(selection)) {
      results.addAll(test(project, project.model(name)));
    }
    return new TestReport(results);
  }

  /** The results of the tests of one model. */
  public List<TestResult> test(ModelProject project, Model model) {
    Relations relations = new Relations(project, catalog, engine);
    List<TestResult> results = new ArrayList<>();
    for (ModelTestDefinition test : model.config().tests()) {
      String sql = "";
      try {
        sql = query(project, relations, model, test);
        results.add(run(model, test, sql));
      } catch (LagoaException e) {
        results.add(
            new TestResult(
                model.name(),
                test.name(),
                test.severity(),
                TestStatus.ERROR,
                0,
                List.of(),
                e.getMessage(),
                sql));
      }
    }
    return results;
  }

  private TestResult run(Model model, ModelTestDefinition test, String sql) {
    long failing = engine.queryLong("SELECT count(*) FROM (\n" + sql + "\n)");
    if (failing == 0) {
      return new TestResult(
          model.name(), test.name(), test.severity(), TestStatus.PASS, 0, List.of(), "", sql);
    }
    List<String> sample =
        engine.queryStrings(
            "SELECT CAST(to_json(t) AS VARCHAR) FROM (\n" + sql + "\n) t LIMIT " + SAMPLE_ROWS);
    return new TestResult(
        model.name(), test.name(), test.severity(), TestStatus.FAIL, failing, sample, "", sql);
  }

  private static String query(
      ModelProject project, Relations relations, Model model, ModelTestDefinition test) {
    if (test instanceof ModelTestDefinition.Sql custom) {
      return relations.renderTest(
          model, SqlTemplate.parse(custom.sql(), model.file() + " test " + custom.name()));
    }
    String relation = relations.relationOf(model);
    if (test instanceof ModelTestDefinition.NotNull notNull) {
      return "SELECT * FROM " + relation + " WHERE " + quote(notNull.column()) + " IS NULL";
    }
    if (test instanceof ModelTestDefinition.Unique unique) {
      StringJoiner columns = new StringJoiner(", ");
      unique.columns().forEach(column -> columns.add(quote(column)));
      return "SELECT * FROM "
          + relation
          + " QUALIFY count(*) OVER (PARTITION BY "
          + columns
          + ") > 1 ORDER BY "
          + columns;
    }
    if (test instanceof ModelTestDefinition.AcceptedValues accepted) {
      StringJoiner values = new StringJoiner(", ");
      accepted.values().forEach(value -> values.add(literal(value)));
      return "SELECT * FROM "
          + relation
          + " WHERE "
          + quote(accepted.column())
          + " IS NOT NULL AND "
          + quote(accepted.column())
          + " NOT IN ("
          + values
          + ")";
    }
    ModelTestDefinition.Relationships relationship = (ModelTestDefinition.Relationships) test;
    String parent = relations.relationOf(project.model(relationship.toModel()));
    return "SELECT * FROM "
        + relation
        + " c WHERE c."
        + quote(relationship.column())
        + " IS NOT NULL AND NOT EXISTS ("
        + "SELECT 1 FROM "
        + parent
        + " p WHERE p."
        + quote(relationship.field())
        + " = c."
        + quote(relationship.column())
        + ")";
  }
}
