package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A files source's fields are read with the words, checks and defaults of a web source's. */
class FilesSourceFieldsConfigTest {
  private static final Path PROJECT = Path.of("/projects/bovespa");

  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(Map.<String, String>of()::get)
        .parse(PROJECT, "lagoa.yaml", yaml);
  }

  @Test
  void aFilesSourceAndAWebSourceDeclareTheSameFieldWithTheSameWords() {
    ProjectConfig config =
        parse(
            """
            sources:
              ibov_csv:
                type: web
                mode: csv
                start_urls: ["https://sistemaswebb3-listados.b3.com.br/download"]
                landing: landing/ibov_csv
                csv: {delimiter: ";", skip_lines: 1}
                extract:
                  - fields:
                      qtde_teorica: {column: "Qtde. Teórica", type: integer, locale: pt-BR}
              ibov_download:
                type: files
                path: landing/ibov_download
                format: csv
                csv: {delimiter: ";", encoding: ISO-8859-1, skip_lines: 1}
                fields:
                  qtde_teorica: {column: "Qtde. Teórica", type: integer, locale: pt-BR}
                  data_carteira: {scope: page, regex: "(\\\\d{2}/\\\\d{2}/\\\\d{2})", type: date, format: dd/MM/yy}
                  arquivo: {scope: file, collapse_whitespace: true}
            """);

    SourceField scraped =
        ((WebSourceConfig) config.sources().get("ibov_csv")).extract().get(0).fields().get(0);
    FilesSourceConfig files = (FilesSourceConfig) config.sources().get("ibov_download");
    assertThat(files.fields().get(0)).isEqualTo(scraped);
    assertThat(files.fields().get(0).locale()).isEqualTo(Locale.forLanguageTag("pt-BR"));
    assertThat(files.fields().get(1))
        .isEqualTo(
            new SourceField(
                "data_carteira",
                List.of(),
                "",
                "(\\d{2}/\\d{2}/\\d{2})",
                SourceFieldType.DATE,
                Locale.ENGLISH,
                "dd/MM/yy",
                SourceFieldScope.PAGE,
                true,
                false));
    assertThat(files.fields().get(2).scope()).isEqualTo(SourceFieldScope.FILE);
    assertThat(files.fields().get(2).collapseWhitespace()).isTrue();
  }

  @Test
  void hintsWithAnUnknownTypeOrAnEmptyPathPartAreReportedWithTheirPaths() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    sources:
                      cars:
                        type: files
                        path: landing/cars
                        format: json
                        schema:
                          hints: {metrics.fuelAvailableLiters: dobule, ".trip": long, _line: string}
                    """))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "sources.cars.schema.hints.metrics.fuelAvailableLiters was 'dobule' but it must be a type")
        .hasMessageContaining(
            "sources.cars.schema.hints..trip names a field path with an empty part: '.trip'")
        .hasMessageContaining(
            "sources.cars.schema.hints._line names _line, a column Lagoa fills itself");
  }

  @Test
  void aWebSourceCannotReadAFileName() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    sources:
                      books:
                        type: web
                        start_urls: ["https://books.toscrape.com/"]
                        landing: landing/books
                        extract:
                          - rows: article
                            fields:
                              title: {selector: h3, scope: file}
                    """))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "sources.books.extract[0].fields.title.scope was 'file' but only files sources read the"
                + " file's name");
  }
}
