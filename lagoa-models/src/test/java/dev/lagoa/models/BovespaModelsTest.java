package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.Engine;
import dev.lagoa.models.compile.ModelCompiler;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.project.ModelProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BovespaModelsTest {
  private static final String RAW = "bronze.ibov_carteira";
  private static final String COLUMNS =
      "data_carteira, codigo, acao, tipo, setor, qtde_teorica, participacao_pct, scraped_at_utc, source_url";

  @TempDir Path directory;
  private Lakehouse lake;
  private ModelProject project;

  @BeforeEach
  void open() {
    lake = new Lakehouse(directory.resolve("warehouse"));
    project = ModelProject.load(Examples.project("bovespa"));
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private void land(String values) {
    // The raw table's documented types (examples/bovespa/models/README.md).
    lake.append(
        RAW,
        "SELECT CAST(data_carteira AS DATE) AS data_carteira, codigo, acao, tipo, setor,"
            + " CAST(qtde_teorica AS BIGINT) AS qtde_teorica, CAST(participacao_pct AS DOUBLE) AS participacao_pct,"
            + " CAST(scraped_at_utc AS TIMESTAMP) AS scraped_at_utc, source_url FROM (VALUES "
            + values
            + ") AS t("
            + COLUMNS
            + ")");
  }

  private ModelRunReport run() {
    ModelRunReport report = lake.runner().run(project, Selection.all(), false);
    assertThat(report.succeeded()).as(report.summary()).isTrue();
    return report;
  }

  @Test
  void theRefinedPortfolioRenamesColumnsAndCountsDaysSinceCollection() {
    land(
        "(DATE '2025-10-29', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 4566457800, 6.482, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-29', 'VALE3', 'VALE', 'ON  NM', 'Mineração', 4196924316, 11.2, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-29', 'ITUB4', 'ITAUUNIBANCO', 'PN', NULL, 4801593973, 7.5, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/csv')");

    run();

    assertThat(
            lake.query(
                "refined.carteira_ibov",
                "SELECT concat_ws(' ', codigo, setor, quantidade_teorica_acoes, percentual_participacao_ibov,"
                    + " dias_desde_coleta = date_diff('day', data_carteira, current_date)) FROM {t} ORDER BY codigo"))
        .containsExactly(
            "ITUB4 Não informado 4801593973 7.5 true",
            "PETR4 Petróleo 4566457800 6.482 true",
            "VALE3 Mineração 4196924316 11.2 true");
    assertThat(lake.table("refined.carteira_ibov").spec().fields())
        .extracting(field -> field.name())
        .containsExactly("data_carteira", "codigo");
  }

  @Test
  void aNewDayIsAddedIncrementallyAndTheSectorAggregatesCoverBothDays() {
    land(
        "(DATE '2025-10-29', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 100, 6.0, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-29', 'PRIO3', 'PETRORIO', 'ON', 'Petróleo', 50, 1.0, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/api')");
    run();
    land(
        "(DATE '2025-10-30', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 110, 6.5, TIMESTAMP '2025-10-30 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-30', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 120, 6.6, TIMESTAMP '2025-10-30 21:00:00', 'https://b3/csv')");

    ModelRunReport second = run();

    assertThat(second.result("carteira_refinada").orElseThrow().mode())
        .isEqualTo(BuildMode.INCREMENTAL);
    assertThat(
            lake.query(
                "refined.carteira_ibov",
                "SELECT concat_ws(' ', data_carteira, codigo, quantidade_teorica_acoes) FROM {t} ORDER BY 1"))
        .containsExactly("2025-10-29 PETR4 100", "2025-10-29 PRIO3 50", "2025-10-30 PETR4 120");
    assertThat(
            lake.query(
                "refined.carteira_por_setor",
                "SELECT concat_ws(' ', data_carteira, setor, tipo, quantidade_acoes, soma_quantidade_teorica, media_participacao_ibov)"
                    + " FROM {t} ORDER BY 1"))
        .containsExactly(
            "2025-10-29 Petróleo ON 1 50 1.0",
            "2025-10-29 Petróleo PN 1 100 6.0",
            "2025-10-30 Petróleo PN 1 120 6.6");
  }

  @Test
  void everyModelKeepsToThePortableSqlSubsetSoItCanRunOnSpark() {
    land(
        "(DATE '2025-10-29', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 4566457800, 6.482, TIMESTAMP"
            + " '2025-10-29 19:00:00', 'https://b3/api')");

    assertThat(
            new ModelCompiler(lake.engine, lake.catalog)
                .compile(project, Selection.all(), Engine.SPARK)
                .problems())
        .isEmpty();
  }
}
