package dev.lagoa.runtime.runs;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.template.TemplateReference;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What a run writes and reads, from the project's sources and model graph. */
public final class RunPlanner {
  private final ProjectConfig config;

  public RunPlanner(ProjectConfig config) {
    this.config = config;
  }

  /** The project's models, read afresh (they may change while the service runs). */
  public Optional<ModelProject> models() {
    return Files.isDirectory(config.directory().resolve(ModelProject.MODELS_DIRECTORY))
        ? Optional.of(ModelProject.load(config.directory()))
        : Optional.empty();
  }

  /**
   * The tables (and landing directories, as {@code landing:<source>}) a request writes: at most one
   * run of the process writes each at a time.
   */
  public Set<String> writes(RunRequest request) {
    Set<String> written = new TreeSet<>();
    for (String name : request.sources()) {
      SourceConfig source = source(name);
      written.add(
          source instanceof FilesSourceConfig files ? files.table() : "landing:" + source.name());
    }
    if (!request.models().isBlank()) {
      ModelProject project = requireModels(request.models());
      for (String model : project.graph().select(Selection.parse(request.models()))) {
        written.add(project.model(model).config().table());
      }
    }
    return written;
  }

  /**
   * Every model reading {@code table} through {@code source()} and every model built from those, as
   * a selection; empty when no model reads it.
   */
  public String downstreamOf(String table) {
    Optional<ModelProject> project = models();
    if (project.isEmpty()) {
      return "";
    }
    List<String> terms =
        project.get().models().stream()
            .filter(model -> readsSources(project.get(), model).contains(table))
            .map(model -> model.name() + "+")
            .sorted()
            .toList();
    return String.join(" ", terms);
  }

  /**
   * The tables the selected models read that the selection does not build: new snapshots there
   * (from any writer) make the selection out of date.
   */
  public Set<String> inputsOf(String selection) {
    ModelProject project = requireModels(selection);
    List<String> selected = project.graph().select(Selection.parse(selection));
    Set<String> inputs = new TreeSet<>();
    for (String name : selected) {
      Model model = project.model(name);
      inputs.addAll(readsSources(project, model));
      for (String ref : model.refs()) {
        if (!selected.contains(ref)) {
          inputs.add(project.model(ref).config().table());
        }
      }
    }
    return inputs;
  }

  public SourceConfig source(String name) {
    SourceConfig source = config.sources().get(name);
    if (source == null) {
      throw LagoaException.userInput(
          "Cannot run %s: project %s has no source of that name (sources: %s)",
          name, config.name(), config.sources().keySet());
    }
    return source;
  }

  private ModelProject requireModels(String selection) {
    return models()
        .orElseThrow(
            () ->
                LagoaException.userInput(
                    "Cannot build models '%s': project %s has no models/ folder",
                    selection, config.name()));
  }

  private static Set<String> readsSources(ModelProject project, Model model) {
    Set<String> tables = new TreeSet<>();
    for (TemplateReference reference : model.sql().references()) {
      if (reference instanceof TemplateReference.Source source) {
        tables.add(project.sourceTable(source.source(), source.table()));
      }
    }
    return tables;
  }
}
