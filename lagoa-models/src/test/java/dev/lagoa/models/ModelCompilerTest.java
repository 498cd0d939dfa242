package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.Engine;
import dev.lagoa.models.compile.CompileReport;
import dev.lagoa.models.compile.ModelCompiler;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.project.ModelProblem;
import dev.lagoa.models.project.ModelProject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistakes in models are reported at the line and column of the user's file, all at once. */
class ModelCompilerTest {
  private static final String SILVER =
      """
      /* lagoa:
      materialized: incremental
      unique_key: [carChassis, event_date]
      expectations:
        - {name: hot_engine, expect: engine_temp < 130}
      */
      SELECT
        carChassis,
        Model,
        metrics.engineTempCelsius AS engine_temp,
        metrics.trip.tripMileage AS trip_mileage,
        CAST(metrics.metricTimestamp AS DATE) AS event_date
      FROM {{ source('bronze', 'car_events') }}
      """;

  private static final String GOLD =
      """
      SELECT
        carChassis,
        max(trip_mileage) AS longest_trip
      FROM {{ ref('car_events') }}
      GROUP BY carChassis
      """;

  @TempDir static Path directory;
  private static Lakehouse lake;
  private static int projects;

  @BeforeAll
  static void loadBronze() {
    lake = new Lakehouse(directory.resolve("warehouse"));
    lake.append(
        "bronze.car_events",
        "SELECT 'C1' AS carChassis, 'Corolla' AS Model, {'engineTempCelsius': 90.5,"
            + " 'metricTimestamp': TIMESTAMP '2025-10-29 11:00:00', 'trip': {'tripMileage': 12.5}}"
            + " AS metrics");
  }

  @AfterAll
  static void close() {
    lake.close();
  }

  private static CompileReport compile(String silver, String gold) {
    return compile(silver, gold, Engine.DUCKDB);
  }

  private static CompileReport compile(String silver, String gold, Engine engine) {
    ProjectFiles files = new ProjectFiles(directory.resolve("project" + projects++));
    files.model("silver/car_events.sql", silver).model("gold/longest_trips.sql", gold);
    return new ModelCompiler(lake.engine, lake.catalog)
        .compile(ModelProject.read(files.directory()), Selection.all(), engine);
  }

  private static String problems(CompileReport report) {
    return String.join("\n", report.problems().stream().map(ModelProblem::toString).toList());
  }

  @Test
  void correctModelsCompileAndTheirRenderedSqlCanBeShown() {
    CompileReport report = compile(SILVER, GOLD);

    assertThat(report.problems()).isEmpty();
    assertThat(report.checked()).containsExactly("car_events", "longest_trips");
    assertThat(report.renderedSql("longest_trips").orElseThrow())
        .contains("FROM \"lagoa_compile\".\"model car_events\"");
  }

  @Test
  void aMistypedColumnIsReportedAtItsLineAndColumnWithTheInputAndTheClosestColumn() {
    CompileReport report =
        compile(SILVER.replace("  carChassis,\n  Model", "  carChasis,\n  Model"), GOLD);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:8:3: column carChasis does not exist in"
                + " bronze.car_events (did you mean carChassis?)");
    assertThat(report.checked()).containsExactly("longest_trips");
  }

  @Test
  void everyMistypedColumnOfOneModelIsReportedAndTheModelsBuiltFromItAreStillChecked() {
    CompileReport report =
        compile(
            SILVER.replace("  carChassis,\n  Model", "  carChasis,\n  Modle"),
            GOLD.replace("max(trip_mileage)", "max(trip_milage)"));

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:8:3: column carChasis does not exist in"
                + " bronze.car_events (did you mean carChassis?)\n"
                + "models/silver/car_events.sql:9:3: column Modle does not exist in"
                + " bronze.car_events (did you mean Model?)\n"
                + "models/gold/longest_trips.sql:3:7: column trip_milage does not exist in"
                + " silver.car_events (did you mean trip_mileage?)");
  }

  @Test
  void aMistypedStructFieldIsReportedAtTheFieldWithTheStructsFields() {
    CompileReport report =
        compile(SILVER.replace("metrics.trip.tripMileage", "metrics.trip.tripMileag"), GOLD);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:11:16: struct trip of bronze.car_events has no field"
                + " tripMileag (did you mean tripMileage?)");
  }

  @Test
  void aFieldWithNoCloseNameListsTheFieldsOfItsStruct() {
    CompileReport report = compile(SILVER.replace("  Model,", "  metrics.Modell,"), GOLD);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:9:11: struct metrics of bronze.car_events has no field"
                + " Modell; its fields are engineTempCelsius, metricTimestamp, trip");
  }

  @Test
  void aColumnNoInputHasNamesTheInputAndItsColumns() {
    CompileReport report = compile(SILVER.replace("  Model,", "  Model, fuelLevel,"), GOLD);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:9:10: column fuelLevel does not exist in"
                + " bronze.car_events; its columns are carChassis, Model, metrics");
  }

  @Test
  void aMistakeInAModelReadingAnotherModelIsReportedAtItsOwnLine() {
    CompileReport report = compile(SILVER, GOLD.replace("max(trip_mileage)", "max(trip_milage)"));

    assertThat(problems(report))
        .isEqualTo(
            "models/gold/longest_trips.sql:3:7: column trip_milage does not exist in"
                + " silver.car_events (did you mean trip_mileage?)");
  }

  @Test
  void anExpectationNamingAMissingColumnIsReportedAtTheExpectationInTheHeader() {
    CompileReport report =
        compile(SILVER.replace("expect: engine_temp < 130", "expect: 0 < engine_tmp"), GOLD);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:5:36: expectation hot_engine: column engine_tmp does not"
                + " exist in model car_events (did you mean engine_temp?)");
  }

  @Test
  void aMisindentedHeaderIsReportedAtTheLineOfTheMistake() {
    CompileReport report =
        compile(SILVER.replace("unique_key: [carChassis", "  unique_key: [carChassis"), GOLD);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:3:3: this line is indented differently from the line"
                + " above it (or holds ': ' in an unquoted value; quote the value)");
  }

  @Test
  void aUniqueKeyColumnTheModelLacksIsReportedAtTheSetting() {
    CompileReport report =
        compile(
            SILVER.replace(
                "unique_key: [carChassis, event_date]", "unique_key: [carChassis, event_day]"),
            GOLD);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:3:26: unique_key names column event_day but model"
                + " car_events has no such column (did you mean event_date?)");
  }

  @Test
  void everyMistakeOfEveryModelIsReportedInOneCompile() {
    CompileReport report =
        compile(
            SILVER.replace("AS engine_temp", "AS engine_temp, Modle"),
            GOLD.replace("{{ ref('car_events') }}", "{{ ref('car_event') }}"));

    assertThat(problems(report))
        .isEqualTo(
            "models/gold/longest_trips.sql:4:6: ref('car_event') names no model (did you mean"
                + " car_events?)\n"
                + "models/silver/car_events.sql:10:45: column Modle does not exist in"
                + " bronze.car_events (did you mean Model?)");
    assertThat(report.summary())
        .endsWith("0 models compiled, 2 with errors (2 problems), 0 not checked");
  }

  @Test
  void modelsThatKeepToThePortableSubsetCompileForSpark() {
    CompileReport report =
        compile(
            SILVER.replace(
                "  Model,", "  upper(trim(Model)) || '-' || split_part(carChassis, 'C', 2) AS m,"),
            GOLD,
            Engine.SPARK);

    assertThat(report.problems()).isEmpty();
  }

  @Test
  void onSparkEveryConstructOutsideThePortableSubsetIsNamedAtItsLine() {
    CompileReport report =
        compile(
            SILVER.replace(
                "  Model,", "  regexp_replace(Model, 'o', '0') AS m, concat(Model, 'x') AS c,"),
            GOLD.replace(
                "GROUP BY carChassis", "GROUP BY carChassis QUALIFY row_number() OVER () = 1"),
            Engine.SPARK);

    assertThat(problems(report))
        .isEqualTo(
            "models/silver/car_events.sql:9:3: regexp_replace does not run alike on Spark (engine:"
                + " spark): DuckDB replaces the first match, Spark every match\n"
                + "models/silver/car_events.sql:9:41: concat does not run alike on Spark (engine:"
                + " spark): DuckDB's concat skips NULL arguments, Spark's returns NULL; use || (NULL"
                + " in both) or concat_ws\n"
                + "models/gold/longest_trips.sql:5:21: QUALIFY does not run alike on Spark (engine:"
                + " spark): Spark has no QUALIFY; filter on the window function in an outer query");
  }

  @Test
  void onDuckDbTheSameModelsCompile() {
    CompileReport report =
        compile(
            SILVER.replace("  Model,", "  regexp_replace(Model, 'o', '0') AS m,"),
            GOLD.replace(
                "GROUP BY carChassis", "GROUP BY carChassis QUALIFY row_number() OVER () = 1"));

    assertThat(report.problems()).isEmpty();
  }
}
