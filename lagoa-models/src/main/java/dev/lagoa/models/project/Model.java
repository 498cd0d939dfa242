package dev.lagoa.models.project;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.config.Engine;
import dev.lagoa.models.template.SqlTemplate;
import dev.lagoa.models.template.TemplateReference;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One SQL model of a project.
 *
 * @param name the SQL file's name without {@code .sql}; unique in the project
 * @param file the SQL file, relative to the project directory ({@code models/silver/cars.sql})
 * @param engine the model's own {@code engine:} setting; null (the rare nullable) when it runs on
 *     the project's engine
 */
public record Model(String name, String file, SqlTemplate sql, ModelConfig config, Engine engine) {
  /** A model that runs on the project's engine. */
  public Model(String name, String file, SqlTemplate sql, ModelConfig config) {
    this(name, file, sql, config, null);
  }

  public Model {
    requireNonNull(name, "name is null");
    requireNonNull(file, "file is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(config, "config is null");
  }

  /** The models this one reads through {@code ref}, in order of first appearance. */
  public Set<String> refs() {
    Set<String> refs = new LinkedHashSet<>();
    for (TemplateReference reference : sql.references()) {
      if (reference instanceof TemplateReference.Ref ref) {
        refs.add(ref.model());
      }
    }
    return refs;
  }

  /** The models this one's tests read: relationship targets and refs in SQL tests. */
  public Set<String> testedAgainst() {
    Set<String> models = new LinkedHashSet<>();
    for (ModelTestDefinition test : config.tests()) {
      if (test instanceof ModelTestDefinition.Relationships relationships) {
        models.add(relationships.toModel());
      } else if (test instanceof ModelTestDefinition.Sql sql) {
        for (TemplateReference reference : SqlTemplate.parse(sql.sql(), file).references()) {
          if (reference instanceof TemplateReference.Ref ref) {
            models.add(ref.model());
          }
        }
      }
    }
    models.remove(name);
    return models;
  }

  /** The engine this model runs on: its own, else {@code projectEngine}. */
  public Engine engineOr(Engine projectEngine) {
    return engine == null ? projectEngine : engine;
  }

  public Materialization materialization() {
    return config.materialization();
  }
}
