package dev.lagoa.models.compile;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.config.Engine;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.duckdb.QuerySchemas;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.models.dag.ModelGraph;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.functions.PortableSql;
import dev.lagoa.models.functions.SparkFunctions;
import dev.lagoa.models.project.Expectation;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProblem;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.project.ModelTestDefinition;
import dev.lagoa.models.project.Suggestions;
import dev.lagoa.models.template.SqlTemplate;
import dev.lagoa.models.template.TemplateReference;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Checks models without running them: renders each one, binds it in DuckDB against the current
 * schemas of its inputs (source tables as empty relations with their Iceberg columns, models as the
 * result of their own compiled SQL, so a column added upstream in the same run is seen), and binds
 * its expectations and tests against its result. Every problem of every model is reported at once,
 * at the line and column of the user's file: the engine's position in the rendered SQL is mapped
 * back through the template.
 *
 * <p>Creates and drops views in schema {@value #SCHEMA}; uses the engine's thread.
 */
public final class ModelCompiler {
  static final String SCHEMA = "lagoa_compile";
  private static final int MAX_LISTED = 25;
  private static final int MAX_REPAIRS = 20;

  private final DuckEngine engine;
  private final LakeCatalog catalog;

  public ModelCompiler(DuckEngine engine, LakeCatalog catalog) {
    this.engine = engine;
    this.catalog = catalog;
    SparkFunctions.register(engine);
  }

  /** Compiles the selected models and the models they read, all built on DuckDB. */
  public CompileReport compile(ModelProject project, Selection selection) {
    return compile(project, selection, Engine.DUCKDB);
  }

  /**
   * Compiles the selected models and the models they read; a model built on Spark (its own {@code
   * engine:}, else {@code projectEngine}) must also keep to the portable SQL subset ({@link
   * SparkPortability}).
   */
  public CompileReport compile(ModelProject project, Selection selection, Engine projectEngine) {
    ModelGraph graph = project.graph();
    Set<String> named = new LinkedHashSet<>();
    selection.terms().forEach(term -> named.add(term.model()));
    Set<String> toCompile = new LinkedHashSet<>();
    for (String name : project.select(selection)) {
      toCompile.add(name);
      toCompile.addAll(graph.ancestors(name));
    }
    List<ModelProblem> problems = new ArrayList<>();
    Map<String, String> blocked = new TreeMap<>();
    for (ModelProblem problem : project.problems()) {
      if (selection.isAll() || named.contains(problem.model())) {
        problems.add(problem);
      }
    }
    project
        .blocked()
        .forEach(
            (model, reason) -> {
              if (selection.isAll() || named.contains(model)) {
                blocked.put(model, reason);
              }
            });
    List<String> checked = new ArrayList<>();
    Map<String, String> rendered = new LinkedHashMap<>();
    Map<String, String> views = new HashMap<>();
    engine.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    engine.createSchema(SCHEMA);
    try {
      for (String name : graph.order()) {
        if (!toCompile.contains(name)) {
          continue;
        }
        Model model = project.model(name);
        Set<String> reads = new LinkedHashSet<>(model.refs());
        reads.addAll(model.testedAgainst());
        // A model whose upstream does not compile is still checked against the upstream's table
        // as it is, when there is one, so one compile reports the mistakes of both.
        Optional<String> upstream =
            reads.stream()
                .filter(
                    read ->
                        !views.containsKey(read)
                            && toCompile.contains(read)
                            && !hasTable(project.model(read)))
                .findFirst();
        if (upstream.isPresent()) {
          blocked.put(name, "upstream model " + upstream.get() + " has errors");
          continue;
        }
        List<ModelProblem> found =
            new Compilation(project, model, views, rendered, projectEngine).run();
        if (found.isEmpty()) {
          checked.add(name);
        } else {
          problems.addAll(found);
        }
      }
    } finally {
      engine.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
    return new CompileReport(checked, problems, blocked, rendered);
  }

  private boolean hasTable(Model model) {
    return model.materialization() != Materialization.VIEW
        && catalog.find(model.config().table()).isPresent();
  }

  /** One model's compilation. */
  private final class Compilation {
    private final ModelProject project;
    private final Model model;
    private final Map<String, String> views;
    private final Map<String, String> rendered;
    private final Engine projectEngine;
    private final Map<String, Schema> inputs = new LinkedHashMap<>();
    private final List<ModelProblem> problems = new ArrayList<>();

    Compilation(
        ModelProject project,
        Model model,
        Map<String, String> views,
        Map<String, String> rendered,
        Engine projectEngine) {
      this.project = project;
      this.model = model;
      this.views = views;
      this.rendered = rendered;
      this.projectEngine = projectEngine;
    }

    List<ModelProblem> run() {
      Map<TemplateReference, String> relations = new HashMap<>();
      for (SqlTemplate.Placeholder placeholder : model.sql().placeholders()) {
        if (relations.containsKey(placeholder.reference())) {
          continue;
        }
        String position = model.file() + ":" + placeholder.line() + ":" + placeholder.column();
        relation(placeholder.reference(), position)
            .ifPresent(relation -> relations.put(placeholder.reference(), relation));
      }
      if (!problems.isEmpty()) {
        return problems;
      }
      SqlTemplate.Rendered text = model.sql().renderMapped(relations::get);
      String sql = PortableSql.rewrite(text.sql());
      rendered.put(model.name(), sql);
      String view = quote(SCHEMA) + "." + quote("model " + model.name());
      String statement = "CREATE OR REPLACE VIEW " + view + " AS " + sql;
      int prefix = statement.length() - sql.length();
      // Report every missing column, not just the first: each one is replaced (by the column it
      // is a typo of, or NULL) and the model bound again. A model repaired that way still has
      // errors, but its columns let the models built from it be checked in the same compile.
      for (int attempt = 0; attempt < MAX_REPAIRS; attempt++) {
        Optional<String> error = bind(statement);
        if (error.isEmpty()) {
          views.put(model.name(), view);
          if (problems.isEmpty()) {
            checkSettings(view);
            checkPortable(text);
          }
          return problems;
        }
        EngineError parsed = EngineError.parse(error.get(), statement);
        ModelProblem problem = modelError(error.get(), statement, prefix, text);
        if (!problems.contains(problem)) {
          problems.add(problem);
        }
        Optional<String> repaired = repair(statement, parsed);
        if (repaired.isEmpty() || repaired.get().equals(statement)) {
          return problems;
        }
        statement = repaired.get();
      }
      return problems;
    }

    /** On Spark, every construct outside the portable subset, at its place in the model's file. */
    private void checkPortable(SqlTemplate.Rendered text) {
      if (model.materialization() == Materialization.VIEW
          || model.engineOr(projectEngine) != Engine.SPARK) {
        return; // views are defined on DuckDB whatever the engine
      }
      String[] written = model.sql().text().split("\n", -1);
      for (SparkPortability.Construct construct : SparkPortability.check(engine, text.sql())) {
        int renderedLine =
            1
                + (int)
                    text.sql()
                        .substring(0, Math.min(construct.offset(), text.sql().length()))
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
        int line = text.templateLine(renderedLine);
        String source = line <= written.length ? written[line - 1] : "";
        int column = find(source, construct.name(), false);
        problems.add(
            new ModelProblem(
                model.name(),
                model.file() + ":" + line + ":" + (column == 0 ? firstNonBlank(source) : column),
                construct.name()
                    + " does not run alike on Spark (engine: spark): "
                    + construct.reason()));
      }
    }

    /** The statement with the missing column the error points at replaced, if it can be. */
    private Optional<String> repair(String statement, EngineError error) {
      if (!error.missingColumn()
          || error.line() == 0
          || error.column() == 0
          || error.length() == 0) {
        return Optional.empty();
      }
      String[] lines = statement.split("\n", -1);
      if (error.line() > lines.length) {
        return Optional.empty();
      }
      String line = lines[error.line() - 1];
      int start = error.column() - 1;
      int end = Math.min(line.length(), start + error.length());
      if (start >= end) {
        return Optional.empty();
      }
      String written = line.substring(start, end);
      int dot = written.lastIndexOf('.');
      String qualifier = dot < 0 ? "" : written.substring(0, dot + 1);
      Optional<String> intended = Optional.empty();
      for (Schema input : inputs.values()) {
        intended = Suggestions.closest(error.name(), names(input));
        if (intended.isPresent()) {
          break;
        }
      }
      String replacement = intended.map(name -> qualifier + quote(name)).orElse("NULL");
      lines[error.line() - 1] = line.substring(0, start) + replacement + line.substring(end);
      return Optional.of(String.join("\n", lines));
    }

    /** The relation a placeholder reads in compilation, or empty after recording why none. */
    private Optional<String> relation(TemplateReference reference, String position) {
      String table;
      if (reference instanceof TemplateReference.Ref ref) {
        Model target = project.model(ref.model());
        String view = views.get(ref.model());
        if (view != null) {
          inputs.put(target.config().table(), schemaOf("SELECT * FROM " + view));
          return Optional.of(view);
        }
        table = target.config().table(); // it does not compile: read its table as it is
      } else if (reference instanceof TemplateReference.Source source) {
        table = project.sourceTable(source.source(), source.table());
      } else if (model.materialization() == Materialization.VIEW) {
        problems.add(
            new ModelProblem(
                model.name(), position, "{{ this }} means a model's table, and a view has none"));
        return Optional.empty();
      } else {
        table = model.config().table();
      }
      Optional<Table> found = catalog.find(table);
      if (found.isEmpty()) {
        problems.add(
            new ModelProblem(
                model.name(),
                position,
                reference instanceof TemplateReference.This
                    ? "{{ this }} reads "
                        + table
                        + ", which does not exist before the model's first build"
                    : reference
                        + " reads table "
                        + table
                        + ", which does not exist yet (load the source first)"
                        + Suggestions.closest(
                                table, catalog.tables().stream().map(Object::toString).toList())
                            .map(name -> " (did you mean " + name + "?)")
                            .orElse("")));
        return Optional.empty();
      }
      String view = quote(SCHEMA) + "." + quote(table);
      engine.execute(
          "CREATE OR REPLACE VIEW "
              + view
              + " AS "
              + DuckTypes.emptyRelation(found.get().schema()));
      inputs.put(table, found.get().schema());
      return Optional.of(view);
    }

    private void checkSettings(String view) {
      Schema result = schemaOf("SELECT * FROM " + view);
      Map<String, Schema> self = Map.of("model " + model.name(), result);
      if (model.materialization() != Materialization.VIEW) {
        List<String> uniqueKey = model.config().uniqueKey();
        for (int i = 0; i < uniqueKey.size(); i++) {
          requireColumn(
              result,
              uniqueKey.get(i),
              "unique_key[" + i + "]",
              "unique_key names column " + uniqueKey.get(i));
        }
      }
      List<Expectation> expectations = model.config().expectations();
      for (int i = 0; i < expectations.size(); i++) {
        Expectation expectation = expectations.get(i);
        String statement =
            "SELECT NOT coalesce(("
                + PortableSql.rewrite(expectation.condition())
                + "), false) FROM "
                + view;
        String path = "expectations[" + i + "].expect";
        bind("DESCRIBE " + statement)
            .ifPresent(
                error -> {
                  EngineError parsed = EngineError.parse(error, statement);
                  problems.add(
                      new ModelProblem(
                          model.name(),
                          within(
                              project.settingPosition(model.name(), path),
                              expectation.condition(),
                              parsed.name()),
                          "expectation " + expectation.name() + ": " + explain(parsed, self)));
                });
      }
      List<ModelTestDefinition> tests = model.config().tests();
      for (int i = 0; i < tests.size(); i++) {
        String path = "tests[" + i + "]";
        ModelTestDefinition test = tests.get(i);
        if (test instanceof ModelTestDefinition.NotNull notNull) {
          requireColumn(result, notNull.column(), path, "test " + notNull.name() + " names");
        } else if (test instanceof ModelTestDefinition.Unique unique) {
          for (String column : unique.columns()) {
            requireColumn(result, column, path, "test " + unique.name() + " names");
          }
        } else if (test instanceof ModelTestDefinition.AcceptedValues accepted) {
          requireColumn(result, accepted.column(), path, "test " + accepted.name() + " names");
        } else if (test instanceof ModelTestDefinition.Sql custom) {
          checkSqlTest(custom, view, path + ".sql", self);
        }
      }
    }

    private void checkSqlTest(
        ModelTestDefinition.Sql test, String view, String path, Map<String, Schema> self) {
      SqlTemplate template = SqlTemplate.parse(test.sql(), "test " + test.name());
      Map<TemplateReference, String> relations = new HashMap<>();
      for (TemplateReference reference : template.references()) {
        if (reference instanceof TemplateReference.This) {
          relations.put(reference, view);
        } else if (reference instanceof TemplateReference.Ref ref
            && views.containsKey(ref.model())) {
          relations.put(reference, views.get(ref.model()));
        } else {
          Optional<String> relation =
              relation(reference, project.settingPosition(model.name(), path));
          if (relation.isEmpty()) {
            return;
          }
          relations.put(reference, relation.get());
        }
      }
      String statement = PortableSql.rewrite(template.render(relations::get));
      bind("DESCRIBE " + statement)
          .ifPresent(
              error ->
                  problems.add(
                      new ModelProblem(
                          model.name(),
                          project.settingPosition(model.name(), path),
                          "test "
                              + test.name()
                              + ": "
                              + explain(EngineError.parse(error, statement), self))));
    }

    private void requireColumn(Schema result, String column, String path, String what) {
      if (result.caseInsensitiveFindField(column) != null || !isPlainName(column)) {
        return;
      }
      List<String> names = names(result);
      problems.add(
          new ModelProblem(
              model.name(),
              project.settingPosition(model.name(), path),
              what
                  + (what.endsWith("names") ? " column " + column : "")
                  + " but model "
                  + model.name()
                  + " has no such column"
                  + Suggestions.closest(column, names)
                      .map(name -> " (did you mean " + name + "?)")
                      .orElse("; its columns are " + listed(names))));
    }

    private ModelProblem modelError(
        String message, String statement, int prefix, SqlTemplate.Rendered text) {
      EngineError error = EngineError.parse(message, statement);
      String text2 = model.sql().text().substring(model.sql().bodyStart());
      Matcher struct =
          Pattern.compile(
                  "([A-Za-z_][A-Za-z0-9_]*)\\s*\\.\\s*"
                      + Pattern.quote(error.name())
                      + "(?![A-Za-z0-9_])",
                  Pattern.CASE_INSENSITIVE)
              .matcher(text2);
      String structName = !error.name().isEmpty() && struct.find() ? struct.group(1) : "";
      String explained =
          error.missingStructField() && !error.name().isEmpty()
              ? missingField(error.name(), structName, inputs, error.candidates())
              : explain(error, inputs);
      return new ModelProblem(model.name(), position(error, prefix, text), explained);
    }

    /** file:line:column of the mistake in the model's file. */
    private String position(EngineError error, int prefix, SqlTemplate.Rendered text) {
      String source = model.sql().text();
      String[] lines = source.split("\n", -1);
      String token = error.name();
      if (error.line() > 0) {
        int line = text.templateLine(error.line());
        String written = line <= lines.length ? lines[line - 1] : "";
        int column = find(written, token, error.missingStructField());
        if (column == 0) {
          String[] renderedLines = text.sql().split("\n", -1);
          int caret = error.column() - (error.line() == 1 ? prefix : 0);
          boolean same =
              error.line() <= renderedLines.length
                  && renderedLines[error.line() - 1].equals(written);
          column = same && caret > 0 ? caret : firstNonBlank(written);
        }
        return model.file() + ":" + line + ":" + column;
      }
      if (!token.isEmpty()) {
        String body = source.substring(model.sql().bodyStart());
        int offset = offsetOf(body, token, error.missingStructField());
        if (offset >= 0) {
          int absolute = model.sql().bodyStart() + offset;
          int line = (int) source.substring(0, absolute).chars().filter(c -> c == '\n').count() + 1;
          int column = absolute - source.lastIndexOf('\n', absolute - 1);
          return model.file() + ":" + line + ":" + column;
        }
      }
      return model.file();
    }
  }

  /** A friendlier message for what DuckDB said, naming the input and its columns. */
  private String explain(EngineError error, Map<String, Schema> inputs) {
    if (error.missingColumn() && !error.name().isEmpty()) {
      return missingColumn(error.name(), inputs, error.candidates());
    }
    if (error.missingStructField() && !error.name().isEmpty()) {
      return missingField(error.name(), "", inputs, error.candidates());
    }
    return error.plain();
  }

  private static String missingColumn(
      String column, Map<String, Schema> inputs, List<String> candidates) {
    for (Map.Entry<String, Schema> input : inputs.entrySet()) {
      Optional<String> close = Suggestions.closest(column, names(input.getValue()));
      if (close.isPresent()) {
        return "column "
            + column
            + " does not exist in "
            + input.getKey()
            + " (did you mean "
            + close.get()
            + "?)";
      }
    }
    if (inputs.size() == 1) {
      Map.Entry<String, Schema> input = inputs.entrySet().iterator().next();
      return "column "
          + column
          + " does not exist in "
          + input.getKey()
          + "; its columns are "
          + listed(names(input.getValue()));
    }
    Optional<String> close = Suggestions.closest(column, candidates);
    if (close.isPresent()) {
      return "column " + column + " does not exist (did you mean " + close.get() + "?)";
    }
    StringBuilder text = new StringBuilder("column " + column + " does not exist in any input: ");
    List<String> described = new ArrayList<>();
    inputs.forEach((name, schema) -> described.add(name + " has " + listed(names(schema))));
    return text.append(String.join("; ", described)).toString();
  }

  private static String missingField(
      String field, String struct, Map<String, Schema> inputs, List<String> candidates) {
    for (Map.Entry<String, Schema> input : inputs.entrySet()) {
      Optional<Types.StructType> named = structNamed(input.getValue().asStruct(), struct);
      if (named.isPresent()) {
        List<String> fields = named.get().fields().stream().map(Types.NestedField::name).toList();
        return "struct "
            + struct
            + " of "
            + input.getKey()
            + " has no field "
            + field
            + Suggestions.closest(field, fields)
                .map(name -> " (did you mean " + name + "?)")
                .orElse("; its fields are " + listed(fields));
      }
    }
    for (Map.Entry<String, Schema> input : inputs.entrySet()) {
      for (Types.NestedField column : input.getValue().columns()) {
        Optional<String> found = fieldIn(column, field, input.getKey());
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    return "struct field "
        + field
        + " does not exist"
        + Suggestions.closest(field, candidates)
            .map(name -> " (did you mean " + name + "?)")
            .orElse(candidates.isEmpty() ? "" : "; fields there include " + listed(candidates));
  }

  /** The struct-typed field called {@code name} at any depth of {@code struct}. */
  private static Optional<Types.StructType> structNamed(Types.StructType struct, String name) {
    for (Types.NestedField field : struct.fields()) {
      if (!field.type().isStructType()) {
        continue;
      }
      if (field.name().equalsIgnoreCase(name)) {
        return Optional.of(field.type().asStructType());
      }
      Optional<Types.StructType> deeper = structNamed(field.type().asStructType(), name);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }

  /**
   * A message for a struct (at any depth under {@code column}) with a field close to {@code field}.
   */
  private static Optional<String> fieldIn(Types.NestedField column, String field, String table) {
    Type type = column.type();
    if (!type.isStructType()) {
      return Optional.empty();
    }
    List<String> fields =
        type.asStructType().fields().stream().map(Types.NestedField::name).toList();
    Optional<String> close = Suggestions.closest(field, fields);
    if (close.isPresent()) {
      return Optional.of(
          "struct "
              + column.name()
              + " of "
              + table
              + " has no field "
              + field
              + " (did you mean "
              + close.get()
              + "?)");
    }
    for (Types.NestedField nested : type.asStructType().fields()) {
      Optional<String> deeper = fieldIn(nested, field, table);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }

  /** Binds a statement without running it; the engine's message when it does not bind. */
  private Optional<String> bind(String statement) {
    try (Statement jdbc = engine.connection().createStatement()) {
      if (statement.startsWith("DESCRIBE ")) {
        jdbc.executeQuery(statement).close();
      } else {
        jdbc.execute(statement);
      }
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private Schema schemaOf(String query) {
    return QuerySchemas.schemaOf(engine, query);
  }

  private static List<String> names(Schema schema) {
    return schema.columns().stream().map(Types.NestedField::name).toList();
  }

  private static String listed(List<String> names) {
    return names.size() <= MAX_LISTED
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, MAX_LISTED))
            + " and "
            + (names.size() - MAX_LISTED)
            + " more";
  }

  private static boolean isPlainName(String column) {
    return column.matches("[A-Za-z_][A-Za-z0-9_]*");
  }

  /**
   * The position of {@code token} inside a one-line setting written at {@code position} ({@code
   * file:line:column}), or the setting's position.
   */
  private static String within(String position, String value, String token) {
    Matcher located = Pattern.compile("^(.*):(\\d+):(\\d+)$").matcher(position);
    int offset = offsetOf(value, token, false);
    if (!located.matches() || offset < 0 || value.contains("\n")) {
      return position;
    }
    return located.group(1)
        + ":"
        + located.group(2)
        + ":"
        + (Integer.parseInt(located.group(3)) + offset);
  }

  /** 1-based column of {@code token} as a whole word in {@code line}, 0 when absent. */
  private static int find(String line, String token, boolean field) {
    int offset = offsetOf(line, token, field);
    return offset < 0 ? 0 : offset + 1;
  }

  private static int offsetOf(String text, String token, boolean field) {
    if (token.isEmpty()) {
      return -1;
    }
    String word =
        (field ? "\\." : "(?<![A-Za-z0-9_.])") + Pattern.quote(token) + "(?![A-Za-z0-9_])";
    Matcher exact = Pattern.compile(word).matcher(text);
    if (exact.find()) {
      return exact.start() + (field ? 1 : 0);
    }
    Matcher anyCase = Pattern.compile(word, Pattern.CASE_INSENSITIVE).matcher(text);
    if (anyCase.find()) {
      return anyCase.start() + (field ? 1 : 0);
    }
    if (!field) {
      Matcher qualified =
          Pattern.compile(
                  "\\." + Pattern.quote(token) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE)
              .matcher(text);
      if (qualified.find()) {
        return qualified.start() + 1;
      }
    }
    return -1;
  }

  private static int firstNonBlank(String line) {
    int column = 0;
    while (column < line.length() && Character.isWhitespace(line.charAt(column))) {
      column++;
    }
    return column + 1;
  }
}
