package dev.lagoa.models.template;

import static java.util.Objects.requireNonNull;

/**
 * A relation a model's SQL names through the template: another model, a source table, or itself.
 */
public sealed interface TemplateReference {
  /** {@code {{ ref('model') }}}. */
  record Ref(String model) implements TemplateReference {
    public Ref {
      requireNonNull(model, "model is null");
    }

    @Override
    public String toString() {
      return "ref('" + model + "')";
    }
  }

  /** {@code {{ source('source', 'table') }}}. */
  record Source(String source, String table) implements TemplateReference {
    public Source {
      requireNonNull(source, "source is null");
      requireNonNull(table, "table is null");
    }

    @Override
    public String toString() {
      return "source('" + source + "', '" + table + "')";
    }
  }

  /** {@code {{ this }}}: the model's own table as it was before the run. */
  record This() implements TemplateReference {
    @Override
    public String toString() {
      return "this";
    }
  }
}
