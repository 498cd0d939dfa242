package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Partition transforms, schema hints and table names are parsed when {@code lagoa.yaml} is read,
 * and every problem among them is reported with the others, each with its path and value.
 */
class TableShapeConfigTest {
  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(Map.<String, String>of()::get)
        .parse(Path.of("/projects/cars"), "lagoa.yaml", yaml);
  }

  @Test
  void partitionTransformsAreParsedIntoTypedFields() {
    FilesSourceConfig source =
        (FilesSourceConfig)
            parse(
                    """
        sources:
          cars:
            type: files
            path: landing
            partition_by: [carChassis, "day(ts)", "months(ts)", "truncate(name, 4)", "truncate(2, code)", "identity(color)"]
        """)
                .sources()
                .get("cars");

    assertThat(source.partitionBy())
        .extracting(PartitionField::canonical)
        .containsExactly(
            "carChassis",
            "day(ts)",
            "month(ts)",
            "truncate(name, 4)",
            "truncate(code, 2)",
            "color");
    assertThat(source.partitionBy().get(3).width()).isEqualTo(4);
    assertThat(source.partitionBy().get(1).toString()).isEqualTo("day(ts)");
  }

  @Test
  void everyBadPartitionEntryHintAndTableNameIsReportedAtOnceWithItsPathAndValue() {
    assertThatThrownBy(
            () ->
                parse(
                    """
        sources:
          cars:
            type: files
            path: landing
            table: bronze.2cars
            partition_by: ["bucket(16, id)", "dayz(ts)", "truncate(name)", "day(ts, 3)", ""]
            schema:
              hints: {mileage: lnog}
          more:
            type: files
            path: more
            partition_by: "truncate(name, 0)"
        """))
        .isInstanceOfSatisfying(
            LagoaException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_INPUT))
        .hasMessageContaining("sources.cars.table was 'bronze.2cars' but it must be namespace.name")
        .hasMessageContaining(
            "sources.cars.partition_by[0] was 'bucket(16, id)' but bucket partitions are not"
                + " supported (the DuckDB engine cannot write them)")
        .hasMessageContaining(
            "sources.cars.partition_by[1] was 'dayz(ts)' but 'dayz' is not a transform: use"
                + " identity, year, month, day, hour or truncate")
        .hasMessageContaining(
            "sources.cars.partition_by[2] was 'truncate(name)' but truncate needs a column and a"
                + " width of at least 1, e.g. truncate(name, 4)")
        .hasMessageContaining(
            "sources.cars.partition_by[3] was 'day(ts, 3)' but day takes one column, e.g. day(ts)")
        .hasMessageContaining(
            "sources.cars.partition_by[4] was '' but it must name a column or a transform")
        .hasMessageContaining("sources.cars.schema.hints.mileage was 'lnog' but it must be a type")
        .hasMessageContaining(
            "sources.more.partition_by[0] was 'truncate(name, 0)' but truncate needs a column and"
                + " a width of at least 1");
  }

  @Test
  void hintsAreKeptWithoutTheSpacesAroundTheirType() {
    FilesSourceConfig source =
        (FilesSourceConfig)
            parse(
                    """
        sources:
          cars:
            type: files
            path: landing
            schema:
              hints: {mileage: " long ", price: "decimal(9, 2)"}
        """)
                .sources()
                .get("cars");

    assertThat(source.schema().hints())
        .containsExactlyInAnyOrderEntriesOf(Map.of("mileage", "long", "price", "decimal(9, 2)"));
  }

  @Test
  void everyTableNameSettingFollowsTheSameRule() {
    assertThat(List.of("bronze.cars", "a.b.cars", "_x.y1")).allMatch(TableName::isValid);
    assertThat(List.of("cars", "bronze.", ".cars", "bronze.car-readings", "1x.cars"))
        .noneMatch(TableName::isValid);
  }
}
