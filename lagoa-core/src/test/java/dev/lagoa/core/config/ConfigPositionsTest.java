package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every lagoa.yaml mistake is reported at the line and column where the user made it. */
class ConfigPositionsTest {
  private static final Path PROJECT = Path.of("/projects/cars");

  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(Map.<String, String>of()::get)
        .parse(PROJECT, "lagoa.yaml", yaml);
  }

  @Test
  void aDedentedKeyIsReportedOnItsOwnLineWithoutParserNoise() {
    String yaml =
        """
        sources:
          cars:
            type: files
            path: landing
           format: ndjson
            table: bronze.cars
        """;

    assertThatThrownBy(() -> parse(yaml))
        .hasMessage(
            "Invalid configuration lagoa.yaml: lagoa.yaml:5:4: this line is indented differently"
                + " from the lines above it (the keys of one mapping must start in the same"
                + " column)");
  }

  @Test
  void aTabIsReportedOnceAtItsPosition() {
    assertThatThrownBy(() -> parse("sources:\n  cars:\n    type: files\n\tpath: landing\n"))
        .hasMessage(
            "Invalid configuration lagoa.yaml: lagoa.yaml:4:1: a tab is used for indentation;"
                + " indent YAML with spaces");
  }

  @Test
  void aWronglyIndentedSourceListsEachProblemWithItsLineAndTheValuesAsWritten() {
    String yaml =
        """
        sources:
          cars:
          type: files
          partition_by: [event_date, carChassis]
        """;

    assertThatThrownBy(() -> parse(yaml))
        .hasMessage(
            """
            Invalid configuration lagoa.yaml:
              - lagoa.yaml:2:3: sources.cars.type is missing but it is required
              - lagoa.yaml:3:9: sources.type was 'files' but it must be a mapping
              - lagoa.yaml:4:17: sources.partition_by was '[event_date, carChassis]' but it must be a mapping""");
  }

  @Test
  void aWrongValueIsReportedAtTheValue() {
    String yaml =
        """
        sources:
          cars:
            type: files
            path: landing
            format: xml
        """;

    assertThatThrownBy(() -> parse(yaml))
        .hasMessage(
            """
            Invalid configuration lagoa.yaml:
              - lagoa.yaml:5:13: sources.cars.format was 'xml' but it must be one of ndjson, json, csv, parquet""");
  }
}
