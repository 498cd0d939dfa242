package dev.lagoa.models.materialize;

import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What one build of a table model reads and why, whichever engine runs it: the model's table and
 * the snapshot it is planned from, the inputs pinned at their current snapshots, the bookmark the
 * build will record, and the {@link BuildPlan} drawn from the previous bookmark.
 *
 * @param existing the model's table, null (the rare nullable) before its first build
 * @param base the table's current snapshot, null when it has none
 * @param lookups inputs an incremental build reads whole
 * @param definitionNote for people: what an incremental build does with a changed definition
 */
record PlannedBuild(
    Table existing,
    Snapshot base,
    Set<String> lookups,
    Map<String, Table> inputs,
    Map<String, Snapshot> current,
    Bookmark next,
    BuildPlan plan,
    String definitionNote) {

  static PlannedBuild of(
      Model model, boolean fullRefresh, LakeCatalog catalog, Relations relations) {
    ModelConfig config = model.config();
    boolean incremental = config.materialization() == Materialization.INCREMENTAL;
    Table existing = catalog.find(config.table()).orElse(null);
    Snapshot base = existing == null ? null : existing.currentSnapshot();

    Set<String> lookups = incremental ? relations.lookupTables(model) : Set.of();
    Map<String, Table> inputs = new TreeMap<>();
    Map<String, Snapshot> current = new HashMap<>();
    for (String name : relations.inputTables(model)) {
      if (!lookups.contains(name)) {
        Table input = relations.table(name, model);
        inputs.put(name, input);
        current.put(name, input.currentSnapshot());
      }
    }
    Map<String, Long> upstream = new TreeMap<>();
    current.forEach((name, snapshot) -> upstream.put(name, Bookmark.idOf(snapshot)));
    Bookmark next = new Bookmark(model.name(), upstream, ModelBuilder.fingerprint(model));
    Optional<Bookmark> previous =
        existing == null || fullRefresh ? Optional.empty() : Bookmark.read(existing, model.name());

    BuildPlan plan =
        incremental
            ? BuildPlan.forIncremental(
                previous, next, inputs, current, fullRefresh, existing != null)
            : BuildPlan.forTable(previous, next, fullRefresh, existing != null);
    String definitionNote =
        incremental
                && plan.mode() != BuildMode.FULL
                && previous.isPresent()
                && !previous.get().fingerprint().equals(next.fingerprint())
            ? ModelBuilder.definitionChanged(model, plan.mode())
            : "";
    return new PlannedBuild(existing, base, lookups, inputs, current, next, plan, definitionNote);
  }
}
