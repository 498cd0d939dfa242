package dev.lagoa.models.materialize;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.models.functions.PortableSql;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.template.TemplateReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * A model's SQL as the Spark job runs it: every {@code ref}/{@code source} becomes a temporary view
 * the job defines over the snapshot Lagoa pinned — the whole table, or in an incremental build only
 * the rows appended since the bookmark (Iceberg's incremental read) — and view models become
 * temporary views over their own SQL, rendered the same way. The Spark counterpart of {@link
 * Relations}: same inputs, same snapshots.
 */
final class SparkRendering {
  private final ModelProject project;
  private final Relations relations;
  private final Model model;
  private final Map<String, Snapshot> to;
  private final Map<String, Snapshot> from;
  private final boolean appended;
  private final Set<String> whole;
  private final ArrayNode inputs;
  private final ArrayNode views;
  private final Map<String, String> created = new HashMap<>();

  /**
   * @param inputs receives one {@code {view, table, read, snapshot, from}} per table read
   * @param views receives one {@code {name, sql}} per view model, inner ones first
   */
  SparkRendering(
      ModelProject project,
      Relations relations,
      Model model,
      Map<String, Snapshot> to,
      Map<String, Snapshot> from,
      boolean appended,
      Set<String> whole,
      ArrayNode inputs,
      ArrayNode views) {
    this.project = project;
    this.relations = relations;
    this.model = model;
    this.to = to;
    this.from = from;
    this.appended = appended;
    this.whole = whole;
    this.inputs = inputs;
    this.views = views;
  }

  String render() {
    return render(model);
  }

  private String render(Model target) {
    return PortableSql.forSpark(target.sql().render(reference -> resolve(target, reference)));
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
    String name =
        "`lagoa_view"
            + (appended ? "_new__" : "__")
            + view.config().namespace()
            + "__"
            + view.config().tableName()
            + "`";
    views.addObject().put("name", name.substring(1, name.length() - 1)).put("sql", sql);
    created.put(key, name);
    return name;
  }

  private String table(String tableName, boolean appendedRows) {
    String key = (appendedRows ? "appended " : "whole ") + tableName;
    String existing = created.get(key);
    if (existing != null) {
      return existing;
    }
    Table table = relations.table(tableName, model);
    Snapshot snapshot = to.containsKey(tableName) ? to.get(tableName) : table.currentSnapshot();
    String view = (appendedRows ? "lagoa_new__" : "lagoa_in__") + tableName.replace('.', '_');
    String read = "whole";
    long start = 0;
    if (appendedRows) {
      Snapshot first = from.get(tableName);
      if (snapshot == null || (first != null && first.snapshotId() == snapshot.snapshotId())) {
        read = "empty";
      } else if (first != null) {
        read = "appended";
        start = first.snapshotId();
      }
    }
    inputs
        .addObject()
        .put("view", view)
        .put("table", tableName)
        .put("read", read)
        .put("snapshot", snapshot == null ? 0 : snapshot.snapshotId())
        .put("from", start);
    String name = "`" + view + "`";
    created.put(key, name);
    return name;
  }
}
