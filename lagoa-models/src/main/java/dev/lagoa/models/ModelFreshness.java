package dev.lagoa.models;

import static java.util.Objects.requireNonNull;

import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.models.compile.CompileReport;
import dev.lagoa.models.compile.ModelCompiler;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.Bookmark;
import dev.lagoa.models.materialize.ModelBuilder;
import dev.lagoa.models.materialize.Relations;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Table;

/**
 * Whether each model's table is current: built, and built from the model's present definition and
 * its inputs' present data. Reads only the catalog (the bookmark in each table's last model commit
 * against the inputs' current snapshots); runs nothing.
 */
public final class ModelFreshness {
  /** How current one model's table is. */
  public enum State {
    UP_TO_DATE,
    STALE_DEFINITION,
    STALE_INPUTS,
    NOT_BUILT,
    VIEW,
    HAS_ERRORS
  }

  /**
   * @param detail for people: what is stale and what to run
   */
  public record Entry(String model, String table, State state, String detail) {
    public Entry {
      requireNonNull(model, "model is null");
      requireNonNull(table, "table is null");
      requireNonNull(state, "state is null");
      requireNonNull(detail, "detail is null");
    }

    public boolean stale() {
      return state == State.STALE_DEFINITION || state == State.STALE_INPUTS;
    }
  }

  private final LakeCatalog catalog;
  private final DuckEngine engine;

  public ModelFreshness(LakeCatalog catalog, DuckEngine engine) {
    this.catalog = catalog;
    this.engine = engine;
  }

  /**
   * One entry per model, in run order; models that do not compile (checked with a {@link
   * ModelCompiler} first) are listed as having errors.
   */
  public List<Entry> of(ModelProject project) {
    CompileReport compiled = new ModelCompiler(engine, catalog).compile(project, Selection.all());
    Relations relations = new Relations(project, catalog, engine);
    List<Entry> entries = new ArrayList<>();
    for (String name : project.graph().order()) {
      if (compiled.failedModels().contains(name)) {
        entries.add(
            new Entry(
                name,
                project.model(name).config().table(),
                State.HAS_ERRORS,
                compiled.problems(name).size() + " problem(s); see lagoa compile"));
      } else {
        entries.add(entry(project.model(name), relations));
      }
    }
    project
        .broken()
        .keySet()
        .forEach(
            name ->
                entries.add(
                    new Entry(
                        name,
                        "",
                        State.HAS_ERRORS,
                        project.problems(name).size() + " problem(s); see lagoa compile")));
    project
        .blocked()
        .forEach(
            (name, reason) ->
                entries.add(new Entry(name, "", State.HAS_ERRORS, reason + "; see lagoa compile")));
    return entries;
  }

  private Entry entry(Model model, Relations relations) {
    String table = model.config().table();
    if (model.materialization() == Materialization.VIEW) {
      return new Entry(
          model.name(), table, State.VIEW, "a view: always reads its inputs as they are");
    }
    Optional<Table> existing = catalog.find(table);
    Optional<Bookmark> bookmark = existing.flatMap(found -> Bookmark.read(found, model.name()));
    if (bookmark.isEmpty()) {
      return new Entry(model.name(), table, State.NOT_BUILT, "not built yet (lagoa run)");
    }
    if (!bookmark.get().fingerprint().equals(ModelBuilder.fingerprint(model))) {
      return new Entry(
          model.name(),
          table,
          State.STALE_DEFINITION,
          "its SQL, settings or expectations changed since its rows were built (lagoa run --select "
              + model.name()
              + " --full-refresh rebuilds them"
              + (model.materialization() == Materialization.TABLE
                  ? "; a plain lagoa run rebuilds a table model too"
                  : "")
              + ")");
    }
    Map<String, String> changed = new TreeMap<>();
    for (String input : relations.inputTables(model)) {
      Long read = bookmark.get().upstream().get(input);
      long now = catalog.find(input).map(t -> Bookmark.idOf(t.currentSnapshot())).orElse(0L);
      if (read == null || read != now) {
        changed.put(input, read == null ? "not read before" : "snapshot " + read + " -> " + now);
      }
    }
    if (!changed.isEmpty()) {
      List<String> parts = new ArrayList<>();
      changed.forEach((input, what) -> parts.add(input + " (" + what + ")"));
      return new Entry(
          model.name(),
          table,
          State.STALE_INPUTS,
          "new data in " + String.join(", ", parts) + " since its last build (lagoa run)");
    }
    return new Entry(model.name(), table, State.UP_TO_DATE, "up to date");
  }
}
