package dev.lagoa.models.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlTemplateTest {
  @Test
  void placeholdersAreListedAndRendered() {
    SqlTemplate template =
        SqlTemplate.parse(
            "SELECT * FROM {{ ref('a') }} JOIN {{source(\"bronze\",'cars')}} USING (id) WHERE x > (SELECT max(x) FROM {{ this }})",
            "models/m.sql");

    assertThat(template.references())
        .containsExactly(
            new TemplateReference.Ref("a"),
            new TemplateReference.Source("bronze", "cars"),
            new TemplateReference.This());
    assertThat(template.render(reference -> "<" + reference + ">"))
        .isEqualTo(
            "SELECT * FROM <ref('a')> JOIN <source('bronze', 'cars')> USING (id) WHERE x > (SELECT max(x) FROM <this>)");
  }

  @Test
  void jinjaStatementsAreRefused() {
    assertThatThrownBy(
            () ->
                SqlTemplate.parse(
                    "SELECT 1\n{% if is_incremental() %} x {% endif %}", "models/m.sql"))
        .hasMessage(
            "models/m.sql:2:1: '{%' blocks are not supported; a model is SQL with"
                + " {{ ref('model') }}, {{ source('source', 'table') }} and {{ this }} only");
  }
}
