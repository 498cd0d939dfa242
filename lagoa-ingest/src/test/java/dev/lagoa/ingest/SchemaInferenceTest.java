package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.core.config.SchemaPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the loader types columns from car-telemetry documents (one JSON document per reading, as the
 * fleet's producers write them: 32 or 32.0 for the same value, nested metrics and trip structs) and
 * MovieLens-style CSVs, and how schema hints declare types.
 */
class SchemaInferenceTest extends LoaderFixture {
  private static String reading(String chassis, String fuel, String engineTemp) {
    return """
        {
          "carChassis": "%s",
          "Model": "Onix",
          "Manufacturer": "chevrolet",
          "fuelCapacityLiters": 44,
          "metrics": {
            "engineTempCelsius": %s,
            "fuelAvailableLiters": %s,
            "metricTimestamp": "Wed, 29 Oct 2025 11:00:00",
            "trip": {"tripMileage": 12, "tripFuelLiters": 1}
          },
          "carInsurance": {"number": 4521987, "provider": "Porto Seguro", "validUntil": "2026-03-01"}
        }
        """
        .formatted(chassis, engineTemp, fuel);
  }

  private FilesSourceConfig json(Map<String, String> hints) {
    return source(
        landing,
        FileFormat.JSON,
        new SchemaOptions(SchemaPolicy.EVOLVE, 1000, hints),
        CsvOptions.DEFAULT,
        0);
  }

  private String columnType(String column) {
    return engine
        .queryStrings(
            "SELECT CAST(typeof("
                + column
                + ") AS VARCHAR) FROM ("
                + dev.lagoa.duckdb.TableViews.relation(
                    catalog.load("bronze.titles"),
                    catalog.load("bronze.titles").currentSnapshot(),
                    org.apache.iceberg.expressions.Expressions.alwaysTrue())
                + ") LIMIT 1")
        .get(0);
  }

  @Test
  void aNumberFirstSeenWholeAndLaterWithAFractionKeepsBothValuesInADoubleColumn() throws Exception {
    write(
        "cars/2025-10-29T11-00-00_9BWZZZ377VT004251.json",
        reading("9BWZZZ377VT004251", "32", "90"));
    load(json(Map.of()));
    write(
        "cars/2025-10-29T12-00-00_9BWZZZ377VT004251.json",
        reading("9BWZZZ377VT004251", "31.5", "91"));

    LoadReport second = load(json(Map.of()));

    assertThat(second.rowsRescued()).isZero();
    assertThat(second.rescuedFields()).isEmpty();
    assertThat(columnType("metrics.fuelAvailableLiters")).isEqualTo("DOUBLE");
    assertThat(
            rows(
                "bronze.titles",
                "metrics.fuelAvailableLiters || ':' || coalesce(_rescued_data, '-')"))
        .containsExactly("31.5:-", "32.0:-");
  }

  @Test
  void aFractionInAColumnHintedLongIsRescuedAndTheLoadNamesTheField() throws Exception {
    write("cars/a.json", reading("9BWZZZ377VT004251", "32", "90"));
    load(json(Map.of("metrics.fuelAvailableLiters", "long")));
    write("cars/b.json", reading("9BWZZZ377VT004251", "31.5", "91"));

    LoadReport second = load(json(Map.of("metrics.fuelAvailableLiters", "long")));

    assertThat(columnType("metrics.fuelAvailableLiters")).isEqualTo("BIGINT");
    assertThat(second.rowsRescued()).isEqualTo(1);
    assertThat(second.rescuedFields())
        .containsExactly(Map.entry("metrics.fuelAvailableLiters", 1L));
    assertThat(
            rows(
                "bronze.titles",
                "coalesce(CAST(metrics.fuelAvailableLiters AS VARCHAR), 'NULL') || ':' || coalesce(_rescued_data, '-')"))
        .containsExactly("32:-", "NULL:{\"metrics.fuelAvailableLiters\":31.5}");
  }

  @Test
  void integersADoubleCannotHoldExactlyStayWhole() throws Exception {
    write(
        "ids.jsonl",
        """
        {"tweetId": 1587212331342749697, "likes": 3}
        {"tweetId": 1587212331342749698, "likes": 4}
        """);

    load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(columnType("tweetId")).isEqualTo("BIGINT");
    assertThat(rows("bronze.titles", "tweetId"))
        .containsExactly("1587212331342749697", "1587212331342749698");
  }

  @Test
  void oneStrayStringInASmallFirstBatchIsRescuedAndTheColumnStaysNumeric() throws Exception {
    for (int i = 0; i < 10; i++) {
      write("cars/r" + i + ".json", reading("CHASSIS" + i, "30", String.valueOf(88 + i)));
    }
    write("cars/r10.json", reading("CHASSIS10", "30", "\"hot\""));

    LoadReport report = load(json(Map.of()));

    assertThat(columnType("metrics.engineTempCelsius")).isEqualTo("DOUBLE");
    assertThat(report.rowsLoaded()).isEqualTo(11);
    assertThat(report.rescuedFields()).containsExactly(Map.entry("metrics.engineTempCelsius", 1L));
    assertThat(
            rows(
                "bronze.titles",
                "carChassis || ':' || coalesce(CAST(metrics.engineTempCelsius AS VARCHAR), 'NULL')"
                    + " || ':' || coalesce(_rescued_data, '-')"))
        .contains("CHASSIS0:88.0:-", "CHASSIS10:NULL:{\"metrics.engineTempCelsius\":\"hot\"}");
  }

  @Test
  void aStrayWordInASmallCsvIsRescuedButAColumnOfMostlyWordsIsText() throws Exception {
    write(
        "ratings.csv",
        """
        userId,movieId,rating,timestamp,tag
        1,1,4.0,964982703,funny
        1,3,4.0,964981247,5
        1,6,four,964982224,pixar
        1,47,5.0,964983815,dark
        1,50,5.0,964982931,twist
        """);

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(columnType("rating")).isEqualTo("DOUBLE");
    assertThat(columnType("tag")).isEqualTo("VARCHAR");
    assertThat(report.rescuedFields()).containsExactly(Map.entry("rating", 1L));
    assertThat(
            rows(
                "bronze.titles",
                "movieId || ':' || coalesce(CAST(rating AS VARCHAR), _rescued_data) || ':' || tag"))
        .containsExactly(
            "1:4.0:funny",
            "3:4.0:5",
            "47:5.0:dark",
            "50:5.0:twist",
            "6:{\"rating\":\"four\"}:pixar");
  }

  @Test
  void numbersWithLeadingZerosKeepAColumnTextEvenWhenMostValuesLookNumeric() throws Exception {
    write(
        "links.csv",
        """
        movieId,imdbId
        1,0114709
        2,1133497
        3,1228756
        """);

    load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(rows("bronze.titles", "imdbId")).containsExactly("0114709", "1133497", "1228756");
  }

  @Test
  void aHintOnANestedFieldOfANewStructIsApplied() throws Exception {
    write("cars/a.json", reading("9BWZZZ377VT004251", "32", "90"));

    load(json(Map.of("carInsurance.number", "string", "metrics.trip.tripMileage", "long")));

    assertThat(columnType("carInsurance.number")).isEqualTo("VARCHAR");
    assertThat(columnType("metrics.trip.tripMileage")).isEqualTo("BIGINT");
    assertThat(rows("bronze.titles", "carInsurance.number || ':' || metrics.trip.tripMileage"))
        .containsExactly("4521987:12");
  }

  @Test
  void aHintThroughAFieldThatIsNotAStructIsRefusedWithItsPath() throws Exception {
    write("cars/a.json", reading("9BWZZZ377VT004251", "32", "90"));
    load(json(Map.of()));
    write("cars/b.json", reading("9BWZZZ377VT004251", "31", "90"));

    assertThatThrownBy(() -> load(json(Map.of("Model.name", "string"))))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "Cannot apply schema hint Model.name: Model is string in bronze.titles, not a struct");
  }

  @Test
  void aHintedFieldTheDataNeverCarriesBecomesANullColumn() throws Exception {
    write("cars/a.json", reading("9BWZZZ377VT004251", "32", "90"));

    load(
        json(Map.of("setor", "string", "metrics.oilTempCelsius", "double", "odometer.km", "long")));

    assertThat(columnType("setor")).isEqualTo("VARCHAR");
    assertThat(columnType("metrics.oilTempCelsius")).isEqualTo("DOUBLE");
    assertThat(columnType("odometer.km")).isEqualTo("BIGINT");
    assertThat(
            rows(
                "bronze.titles",
                "carChassis || ':' || coalesce(setor, 'NULL') || ':'"
                    + " || coalesce(CAST(metrics.oilTempCelsius AS VARCHAR), 'NULL')"))
        .containsExactly("9BWZZZ377VT004251:NULL:NULL");
  }

  @Test
  void aHintAddedLaterMakesAColumnOfAnExistingTable() throws Exception {
    write("cars/a.json", reading("9BWZZZ377VT004251", "32", "90"));
    load(json(Map.of()));
    write("cars/b.json", reading("9BWZZZ377VT004252", "31", "90"));

    LoadReport report = load(json(Map.of("metrics.oilTempCelsius", "double")));

    assertThat(report.columnsAdded()).containsExactly("metrics.oilTempCelsius");
    assertThat(rows("bronze.titles", "coalesce(CAST(metrics.oilTempCelsius AS VARCHAR), 'NULL')"))
        .containsExactly("NULL", "NULL");
  }
}
