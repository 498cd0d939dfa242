package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectConfigLoaderTest {
  private static final Path PROJECT = Path.of("/projects/cars");

  private static ProjectConfig parse(String yaml, Map<String, String> environment) {
    return new ProjectConfigLoader(environment::get).parse(PROJECT, "lagoa.yaml", yaml);
  }

  @Test
  void defaultsPutTheCatalogAndWarehouseInsideTheProject() {
    ProjectConfig config = parse("sources: {}", Map.of());

    assertThat(config.name()).isEqualTo("cars");
    assertThat(config.catalog().warehouse()).isEqualTo("/projects/cars/warehouse");
    assertThat(config.catalog().uri()).isEqualTo("jdbc:sqlite:/projects/cars/warehouse/catalog.db");
  }

  @Test
  void environmentVariablesAndTheirDefaultsAreSubstituted() {
    String yaml =
        """
        catalog:
          uri: ${CATALOG_URI:-jdbc:sqlite:warehouse/catalog.db}
          warehouse: ${WAREHOUSE}
        """;

    ProjectConfig shared =
        parse(yaml, Map.of("CATALOG_URI", "jdbc:postgresql://db/lagoa", "WAREHOUSE", "/lake"));
    ProjectConfig local = parse(yaml, Map.of("WAREHOUSE", "lake"));

    assertThat(shared.catalog().uri()).isEqualTo("jdbc:postgresql://db/lagoa");
    assertThat(shared.catalog().warehouse()).isEqualTo("/lake");
    assertThat(local.catalog().uri()).isEqualTo("jdbc:sqlite:/projects/cars/warehouse/catalog.db");
    assertThat(local.catalog().warehouse()).isEqualTo("/projects/cars/lake");
  }

  @Test
  void aFilesSourceIsReadWithAllItsSettings() {
    FilesSourceConfig source =
        (FilesSourceConfig)
            parse(
                    """
        sources:
          ibov:
            type: files
            path: landing/ibov
            format: csv
            pattern: "*.csv"
            partition_by: ["day(data)"]
            schema: {policy: rescue, sample: 50, hints: {qtde: long}}
            csv: {delimiter: ";", encoding: ISO-8859-1, skip_lines: 1, footer_lines: 2}
        """,
                    Map.of())
                .sources()
                .get("ibov");

    assertThat(source.directory()).isEqualTo(Path.of("/projects/cars/landing/ibov"));
    assertThat(source.table()).isEqualTo("bronze.ibov");
    assertThat(source.format()).isEqualTo(FileFormat.CSV);
    assertThat(source.schema())
        .isEqualTo(new SchemaOptions(SchemaPolicy.RESCUE, 50, Map.of("qtde", "long")));
    assertThat(source.csv())
        .isEqualTo(new CsvOptions(true, ';', '"', StandardCharsets.ISO_8859_1, 1));
    assertThat(source.csvFooterLines()).isEqualTo(2);
    assertThat(source.partitionBy())
        .containsExactly(new PartitionField("day(data)", PartitionField.Transform.DAY, "data", 0));
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        catalog: {wharehouse: x}
        sources:
          cars:
            type: files
            path: landing
            table: cars
            batch_files: 0
            csv: {delimiter: ";;", encoding: KLINGON}
          other:
            type: ftp
        """,
                    Map.of("UNUSED", "")))
        .isInstanceOfSatisfying(
            LagoaException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_INPUT))
        .hasMessageContaining("catalog.wharehouse is not a known setting")
        .hasMessageContaining("sources.cars.table was 'cars' but it must be namespace.name")
        .hasMessageContaining("sources.cars.batch_files was '0' but it must be at least 1")
        .hasMessageContaining(
            "sources.cars.csv.delimiter was ';;' but it must be a single character")
        .hasMessageContaining(
            "sources.cars.csv.encoding was 'KLINGON' but it is not a known character set")
        .hasMessageContaining("sources.other.type was 'ftp' but it must be one of files");
  }

  @Test
  void anUnsetVariableWithoutDefaultIsAProblem() {
    assertThatThrownBy(() -> parse("catalog: {uri: '${NOPE}'}", Map.of()))
        .hasMessageContaining("refers to environment variable NOPE which is not set");
  }
}
