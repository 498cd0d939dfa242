package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@code files} source declares its fields with the vocabulary web sources use: B3's downloaded
 * portfolio files (ISO-8859-1, {@code ;} with a trailing one, a title line with the portfolio's
 * date, pt-BR numbers, two footer lines) land in the shape the {@code ibov_csv} scraper lands, and
 * car-telemetry documents are renamed and flattened by JSON path.
 */
class FieldVocabularyTest extends LoaderFixture {
  /** As B3's "Download" link writes it (IBOVDia_03-10-25.csv), in ISO-8859-1. */
  private static final String B3_DOWNLOAD =
      "IBOV - Carteira do Dia 03/10/25\r\n"
          + "Código;Ação;Tipo;Qtde. Teórica;Part. (%);\r\n"
          + "ALOS3;ALLOS;ON      NM;476.976.044;0,482;\r\n"
          + "ABEV3;AMBEV S/A;ON;4.394.835.131;2,833;\r\n"
          + "ASAI3;ASSAI;ON  ED  NM;1.349.395.954;0,514;\r\n"
          + "VALE3;VALE;ON      NM;4.273.841.357;11,007;\r\n"
          + "Quantidade Teórica Total;98.634.405.012;;\r\n"
          + "Redutor;15.994.994,53;;\r\n";

  private static final String B3_SOURCE =
      """
      sources:
        ibov_download:
          type: files
          path: landing
          format: csv
          pattern: "IBOVDia_*.csv"
          table: bronze.ibov_carteira
          csv: {delimiter: ";", encoding: ISO-8859-1, skip_lines: 1, footer_lines: 2}
          fields:
            codigo: {column: "Código"}
            acao: {column: "Ação"}
            tipo: {column: "Tipo", collapse_whitespace: true}
            qtde_teorica: {column: "Qtde. Teórica", type: integer, locale: pt-BR}
            participacao_pct: {column: "Part. (%)", type: decimal, locale: pt-BR}
            data_carteira: {scope: page, regex: "(\\\\d{2}/\\\\d{2}/\\\\d{2})", type: date, format: dd/MM/yy}
            arquivo: {scope: file}
      """;

  private FilesSourceConfig parse(String yaml, String source) {
    return (FilesSourceConfig)
        new ProjectConfigLoader(Map.<String, String>of()::get)
            .parse(root, "lagoa.yaml", yaml)
            .sources()
            .get(source);
  }

  @Test
  void b3sDownloadedPortfolioLandsInTheShapeTheScraperLands() throws Exception {
    Files.write(
        landing.resolve("IBOVDia_03-10-25.csv"), B3_DOWNLOAD.getBytes(StandardCharsets.ISO_8859_1));

    LoadReport report = loader.load(parse(B3_SOURCE, "ibov_download"), LoadListener.NONE);

    assertThat(report.rowsLoaded()).isEqualTo(4);
    assertThat(report.rowsQuarantined()).isZero();
    var schema = catalog.load("bronze.ibov_carteira").schema();
    assertThat(schema.findField("qtde_teorica").type().toString()).isEqualTo("long");
    assertThat(schema.findField("participacao_pct").type().toString()).isEqualTo("double");
    assertThat(schema.findField("data_carteira").type().toString()).isEqualTo("date");
    assertThat(schema.findField("Código")).isNull();
    assertThat(
            rows(
                "bronze.ibov_carteira",
                "codigo || '|' || acao || '|' || tipo || '|' || qtde_teorica || '|' || participacao_pct"
                    + " || '|' || data_carteira || '|' || arquivo"))
        .containsExactly(
            "ABEV3|AMBEV S/A|ON|4394835131|2.833|2025-10-03|IBOVDia_03-10-25.csv",
            "ALOS3|ALLOS|ON NM|476976044|0.482|2025-10-03|IBOVDia_03-10-25.csv",
            "ASAI3|ASSAI|ON ED NM|1349395954|0.514|2025-10-03|IBOVDia_03-10-25.csv",
            "VALE3|VALE|ON NM|4273841357|11.007|2025-10-03|IBOVDia_03-10-25.csv");
  }

  @Test
  void aValueNotOfItsFieldsTypeIsRescuedAndARowWithoutARequiredFieldIsQuarantined()
      throws Exception {
    Files.write(
        landing.resolve("IBOVDia_06-10-25.csv"),
        ("IBOV - Carteira do Dia 06/10/25\r\n"
                + "Código;Ação;Tipo;Qtde. Teórica;Part. (%);\r\n"
                + "PETR4;PETROBRAS;PN      N2;4.566.445.852;n/d;\r\n"
                + ";SEM CODIGO;ON;1.000;0,001;\r\n"
                + "Quantidade Teórica Total;98.634.405.012;;\r\n"
                + "Redutor;15.994.994,53;;\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));

    LoadReport report = loader.load(parse(B3_SOURCE, "ibov_download"), LoadListener.NONE);

    assertThat(report.rowsLoaded()).isEqualTo(1);
    assertThat(report.rescuedFields()).containsExactly(Map.entry("participacao_pct", 1L));
    assertThat(
            rows(
                "bronze.ibov_carteira",
                "codigo || '|' || coalesce(CAST(participacao_pct AS VARCHAR), 'NULL') || '|' || _rescued_data"))
        .containsExactly("PETR4|NULL|{\"participacao_pct\":\"n/d\"}");
    assertThat(rows("bronze.ibov_carteira_quarantine", "_line || ': ' || reason"))
        .containsExactly("4: field codigo: column 'Código' holds no value");
  }

  @Test
  void jsonRecordsAreRenamedAndFlattenedByPathWithValuesFromTheFileName() throws Exception {
    Path cars = Files.createDirectories(landing.resolve("cars"));
    Files.writeString(
        cars.resolve("9BWZZZ377VT004251_2025-10-29T11-00-00.json"),
        """
        {"carChassis": "9BWZZZ377VT004251", "Manufacturer": "volkswagen",
         "metrics": {"fuelAvailableLiters": 32, "metricTimestamp": "Wed, 29 Oct 2025 11:00:00",
                     "trip": {"tripMileage": 120.5, "tripFuelLiters": 9}}}
        """);
    String yaml =
        """
        sources:
          car_readings:
            type: files
            path: landing/cars
            format: json
            table: bronze.car_flat
            fields:
              chassis: {path: /carChassis}
              manufacturer: {column: Manufacturer}
              fuel_liters: {path: /metrics/fuelAvailableLiters, type: decimal}
              trip_km: {path: /metrics/trip/tripMileage}
              read_at: {path: /metrics/metricTimestamp, regex: "\\\\d{2} \\\\w{3} \\\\d{4}", type: date, format: "dd MMM yyyy"}
              reading_day: {scope: file, regex: "_(\\\\d{4}-\\\\d{2}-\\\\d{2})T", type: date}
              dealer: {path: /market/dealer, required: false}
        """;

    LoadReport report = loader.load(parse(yaml, "car_readings"), LoadListener.NONE);

    assertThat(report.rowsLoaded()).isEqualTo(1);
    assertThat(
            rows(
                "bronze.car_flat",
                "chassis || '|' || manufacturer || '|' || fuel_liters || '|' || trip_km || '|' || read_at"
                    + " || '|' || reading_day || '|' || coalesce(dealer, 'NULL')"))
        .containsExactly("9BWZZZ377VT004251|volkswagen|32.0|120.5|2025-10-29|2025-10-29|NULL");
  }

  @Test
  void fieldsAndHintsThatCannotWorkAreReportedWithTheirPathsWhenTheConfigIsRead() {
    String yaml =
        """
        sources:
          ibov_download:
            type: files
            path: landing
            format: csv
            fields:
              codigo: {column: "Código", selector: "td"}
              data: {scope: page, type: date, format: dd/MM/yy}
              qtde: {path: /theoricalQty}
            schema:
              hints: {setor: string, codigo.x: string, acao: doubel, "metrics..x": long}
        """;

    assertThatThrownBy(() -> parse(yaml, "ibov_download"))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "sources.ibov_download.fields.codigo.selector is only used by web sources (use column or path)")
        .hasMessageContaining(
            "sources.ibov_download.fields.data.scope was 'page' but page fields read a CSV file's"
                + " title lines, and this source has none")
        .hasMessageContaining(
            "sources.ibov_download.fields.qtde.path is not used for csv files (use column)")
        .hasMessageContaining(
            "sources.ibov_download.schema.hints.codigo.x names a field inside codigo, but codigo is a"
                + " declared field of this source, not a struct")
        .hasMessageContaining(
            "sources.ibov_download.schema.hints.acao was 'doubel' but it must be a type")
        .hasMessageContaining(
            "sources.ibov_download.schema.hints.metrics..x names a field path with an empty part")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hints.setor"));
  }
}
