package dev.lagoa.runtime;

import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.template.TemplateReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a project's sources and models depend on each other: a {@code files} source loads what a web
 * source lands when their directories overlap; a model reads a source's table through {@code {{
 * source(...) }}}; models read models through {@code ref}.
 */
final class SourceGraph {
  private final ProjectConfig config;
  private final ModelProject models; // null when the project has no models

  SourceGraph(ProjectConfig config, ModelProject models) {
    this.config = config;
    this.models = models;
  }

  /** Whether {@code files} loads the landing directory {@code web} writes to. */
  static boolean feeds(WebSourceConfig web, FilesSourceConfig files) {
    return web.landing().startsWith(files.directory())
        || files.directory().startsWith(web.landing());
  }

  /** The {@code files} sources that load what {@code web} lands. */
  List<FilesSourceConfig> loadersOf(WebSourceConfig web) {
    return config.sources().values().stream()
        .filter(source -> source instanceof FilesSourceConfig files && feeds(web, files))
        .map(FilesSourceConfig.class::cast)
        .toList();
  }

  /** The web sources whose files {@code files} loads. */
  List<WebSourceConfig> feedersOf(FilesSourceConfig files) {
    return config.sources().values().stream()
        .filter(source -> source instanceof WebSourceConfig web && feeds(web, files))
        .map(WebSourceConfig.class::cast)
        .toList();
  }

  /**
   * The models that read the tables {@code sources} load, with every model built from them, in the
   * project's build order.
   */
  Set<String> modelsDownstreamOf(List<? extends SourceConfig> sources) {
    Set<String> tables = new LinkedHashSet<>();
    for (SourceConfig source : sources) {
      if (source instanceof FilesSourceConfig files) {
        tables.add(files.table().toLowerCase(Locale.ROOT));
      }
    }
    Set<String> found = new LinkedHashSet<>();
    if (models == null || tables.isEmpty()) {
      return found;
    }
    for (Model model : models.models()) {
      for (TemplateReference reference : model.sql().references()) {
        if (reference instanceof TemplateReference.Source source
            && tables.contains(
                models.sourceTable(source.source(), source.table()).toLowerCase(Locale.ROOT))) {
          found.add(model.name());
          found.addAll(models.graph().descendants(model.name()));
        }
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String model : models.graph().order()) {
      if (found.contains(model)) {
        ordered.add(model);
      }
    }
    return ordered;
  }

  /** The models a selection names, in build order. */
  List<String> select(Selection selection) {
    return models == null ? List.of() : models.graph().select(selection);
  }

  /** Every model, in build order. */
  List<String> allModels() {
    return models == null ? List.of() : models.graph().order();
  }
}
