package dev.lagoa.models.materialize;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.models.functions.PortableSql;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.template.SqlTemplate;
import dev.lagoa.models.template.TemplateReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * Turns the placeholders of model SQL into DuckDB relations. A table (a source, or a table or
 * incremental model) becomes a view named like it ({@code "silver"."car_readings"}) over the
 * Iceberg snapshot being read; a view model becomes a DuckDB view over its own rendered SQL. In an
 * incremental run the inputs instead become views over only the rows appended since the model's
 * bookmark, in schema {@value #APPENDED_SCHEMA}, and view models on the way are rendered the same
 * way, so a view that filters or projects a table passes on only new rows too.
 */
public final class Relations {
  static final String APPENDED_SCHEMA = "lagoa_appended";

  private final ModelProject project;
  private final LakeCatalog catalog;
  private final DuckEngine engine;

  public Relations(ModelProject project, LakeCatalog catalog, DuckEngine engine) {
    this.project = project;
    this.catalog = catalog;
    this.engine = engine;
  }

  /** The catalog tables {@code model} reads, looking through view models. */
  public Set<String> inputTables(Model model) {
    Set<String> tables = new TreeSet<>();
    for (TemplateReference reference : model.sql().references()) {
      tables.addAll(tablesOf(reference));
    }
    return tables;
  }

  /** The catalog tables an incremental model reads in full: those under its {@code lookups}. */
  Set<String> lookupTables(Model model) {
    Set<String> tables = new TreeSet<>();
    for (String lookup : model.config().lookups()) {
      int dot = lookup.indexOf('.');
      tables.addAll(
          tablesOf(
              dot < 0
                  ? new TemplateReference.Ref(lookup)
                  : new TemplateReference.Source(
                      lookup.substring(0, dot), lookup.substring(dot + 1))));
    }
    return tables;
  }

  private Set<String> tablesOf(TemplateReference reference) {
    if (reference instanceof TemplateReference.Ref ref) {
      Model target = project.model(ref.model());
      return target.materialization() == Materialization.VIEW
          ? inputTables(target)
          : Set.of(target.config().table());
    }
    if (reference instanceof TemplateReference.Source source) {
      return Set.of(project.sourceTable(source.source(), source.table()));
    }
    return Set.of();
  }

  /** Loads an input table, failing with the model that needs it when it does not exist. */
  Table table(String name, Model reader) {
    return catalog
        .find(name)
        .orElseThrow(
            () ->
                LagoaException.userInput(
                    "Cannot run model %s: its input table %s does not exist yet (load its source or build the model"
                        + " that writes it first)",
                    reader.name(), name));
  }

  /**
   * The model's SQL reading every input whole, tables at {@code pinned} (or their current
   * snapshot); {@code loaded} are input tables the build already loaded, not loaded again.
   */
  String renderWhole(Model model, Map<String, Table> loaded, Map<String, Snapshot> pinned) {
    return new Resolver(model, pinned, Map.of(), false, Set.of(), loaded).render(model);
  }

  /**
   * The model's SQL reading only the rows appended to each input after {@code from} and up to
   * {@code to}; {@code whole} tables (lookups) are read entirely at their current snapshot.
   */
  String renderAppended(
      Model model,
      Map<String, Table> loaded,
      Map<String, Snapshot> from,
      Map<String, Snapshot> to,
      Set<String> whole) {
    return new Resolver(model, to, from, true, whole, loaded).render(model);
  }

  /** A test query of {@code model}, {@code {{ this }}} being the model's current data. */
  public String renderTest(Model model, SqlTemplate test) {
    Resolver resolver = new Resolver(model, Map.of(), Map.of(), false, Set.of(), Map.of());
    return PortableSql.rewrite(test.render(resolver::resolveForTest));
  }

  /** The relation holding a model's current data: its table, or its view. */
  public String relationOf(Model model) {
    return new Resolver(model, Map.of(), Map.of(), false, Set.of(), Map.of())
        .resolve(new TemplateReference.Ref(model.name()));
  }

  /**
   * Defines in DuckDB a view for every model whose data exists: tables at their current snapshot,
   * view models over them, each named like the model's table ({@code "gold"."car_latest_state"}),
   * so a SQL session can query models by name. Returns the names defined, in run order; a view
   * model whose SQL does not bind is left out.
   */
  public List<String> defineAll() {
    List<String> defined = new ArrayList<>();
    for (String name : project.graph().order()) {
      Model model = project.model(name);
      boolean present =
          model.materialization() == Materialization.VIEW
              ? inputTables(model).stream().allMatch(table -> catalog.find(table).isPresent())
              : catalog.find(model.config().table()).isPresent();
      if (present) {
        try {
          relationOf(model);
          defined.add(model.config().table());
        } catch (LagoaException e) {
          // A view model that no longer binds (see lagoa compile) must not stop queries of the
          // other tables: it is left undefined.
        }
      }
    }
    return defined;
  }

  /** Drops the views of appended rows an incremental run created. */
  void dropAppendedViews() {
    engine.execute("DROP SCHEMA IF EXISTS " + APPENDED_SCHEMA + " CASCADE");
  }

  /** Resolves placeholders for one model in one mode, creating each view once. */
  private final class Resolver {
    private final Model model;
    private final Map<String, Snapshot> to;
    private final Map<String, Snapshot> from;
    private final boolean appended;
    private final Set<String> whole;
    private final Map<String, Table> loaded;
    private final Map<String, String> created = new HashMap<>();

    Resolver(
        Model model,
        Map<String, Snapshot> to,
        Map<String, Snapshot> from,
        boolean appended,
        Set<String> whole,
        Map<String, Table> loaded) {
      this.model = model;
      this.to = to;
      this.from = from;
      this.appended = appended;
      this.whole = whole;
      this.loaded = loaded;
    }

    String render(Model target) {
      return PortableSql.rewrite(target.sql().render(reference -> resolve(target, reference)));
    }

    String resolve(TemplateReference reference) {
      return resolve(model, reference);
    }

    String resolveForTest(TemplateReference reference) {
      return reference instanceof TemplateReference.This
          ? resolve(new TemplateReference.Ref(model.name()))
          : resolve(reference);
    }

    private String resolve(Model reader, TemplateReference reference) {
      if (reference instanceof TemplateReference.Ref ref) {
        Model target = project.model(ref.model());
        return target.materialization() == Materialization.VIEW
            ? view(target)
            : table(target.config().table(), appended && !whole.contains(target.config().table()));
      }
      if (reference instanceof TemplateReference.Source source) {
        String name = project.sourceTable(source.source(), source.table());
        return table(name, appended && !whole.contains(name));
      }
      if (reader.materialization() == Materialization.VIEW) {
        throw LagoaException.userInput(
            "Cannot render model %s: {{ this }} means a model's table, and a view has none",
            reader.name());
      }
      return table(reader.config().table(), false);
    }

    private String view(Model view) {
      String key = "view " + view.name();
      String existing = created.get(key);
      if (existing != null) {
        return existing;
      }
      String sql = render(view);
      String name;
      if (appended) {
        engine.createSchema(APPENDED_SCHEMA);
        name =
            quote(APPENDED_SCHEMA)
                + "."
                + quote(view.config().namespace() + "__" + view.config().tableName());
      } else {
        engine.createSchema(view.config().namespace());
        name = quote(view.config().namespace()) + "." + quote(view.config().tableName());
      }
      try {
        engine.execute("CREATE OR REPLACE VIEW " + name + " AS (\n" + sql + "\n)");
      } catch (LagoaException e) {
        throw new LagoaException(
            e.category(),
            "Cannot create view model " + view.name() + " (" + view.file() + "): " + e.getMessage(),
            e);
      }
      created.put(key, name);
      return name;
    }

    private String table(String tableName, boolean appendedRows) {
      String key = (appendedRows ? "appended " : "whole ") + tableName;
      String existing = created.get(key);
      if (existing != null) {
        return existing;
      }
      Table table =
          loaded.containsKey(tableName)
              ? loaded.get(tableName)
              : Relations.this.table(tableName, model);
      Snapshot snapshot = to.containsKey(tableName) ? to.get(tableName) : table.currentSnapshot();
      String namespace = tableName.substring(0, tableName.lastIndexOf('.'));
      String simpleName = tableName.substring(tableName.lastIndexOf('.') + 1);
      String name;
      String relation;
      if (appendedRows) {
        Snapshot start = from.get(tableName);
        name = quote(APPENDED_SCHEMA) + "." + quote(namespace + "__" + simpleName);
        boolean nothingNew =
            snapshot == null || (start != null && start.snapshotId() == snapshot.snapshotId());
        relation =
            nothingNew
                ? DuckTypes.emptyRelation(table.schema())
                : TableViews.appendedRelation(table, start, snapshot);
        engine.createSchema(APPENDED_SCHEMA);
      } else {
        name = quote(namespace) + "." + quote(simpleName);
        relation = TableViews.relation(table, snapshot, Expressions.alwaysTrue());
        engine.createSchema(namespace);
      }
      engine.execute("CREATE OR REPLACE VIEW " + name + " AS " + relation);
      created.put(key, name);
      return name;
    }
  }
}
