package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.Engine;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.ingest.FilesLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelResult;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.spark.SparkJobClasspath;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.RunReport;
import dev.lagoa.runtime.RunRequest;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same car-telemetry project built on DuckDB and on Spark ({@code local[2]}, the job in its own
 * JVM) gives the same tables row for row, and the engines take turns on one project: an incremental
 * Spark build continues from the bookmark a DuckDB build left.
 *
 * <p>Starting Spark takes seconds, so the class opens one project, and so one Spark job, for all
 * its tests; they run in order on that project's growing tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkEngineContractTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final List<String> TABLES =
      List.of(
          "silver.car_readings",
          "gold.car_latest_state",
          "gold.fuel_efficiency_by_car",
          "gold.fuel_efficiency_by_model",
          "gold.temperature_alerts");

  @TempDir static Path workspace;
  private static Lakehouse lake;
  private static Path landing;
  private static Path zone;
  private static final CarTelemetryGenerator GENERATOR = new CarTelemetryGenerator(13, 6, 4);

  @BeforeAll
  static void openCarTelemetryWithSparkSettings() throws IOException {
    Path project = workspace.resolve("car-telemetry");
    try (Stream<Path> files = Files.walk(EXAMPLES.resolve("car-telemetry"))) {
      for (Path file : files.toList()) {
        Path copy = project.resolve(EXAMPLES.resolve("car-telemetry").relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    String classpath = SparkJobClasspath.ofBuild(Path.of("..", "lagoa-spark").toAbsolutePath());
    Files.writeString(
        project.resolve("lagoa.yaml"),
        "\nspark:\n  master: local[2]\n  driver_memory: 1g\n  job_classpath: \""
            + classpath
            + "\"\n  conf:\n    spark.sql.shuffle.partitions: \"4\"\n",
        java.nio.file.StandardOpenOption.APPEND);
    // Two sources over one landing zone with the example's settings: one loads it on DuckDB, the
    // other on Spark (test 4). It stays empty until then, so whole-project runs load nothing from
    // it.
    String example = Files.readString(project.resolve("lagoa.yaml"));
    StringBuilder zones = new StringBuilder("sources:\n");
    for (String engine : List.of("duckdb", "spark")) {
      zones.append(
          """
            zone_%1$s:
              type: files
              path: zone
              format: json
              pattern: "**.json*"
              table: bronze.zone_%1$s
              partition_by: ["day(_ingested_at)"]
              schema:
                policy: evolve
                hints: {year: long, ModelYear: long, horsePower: long, market.warrantyYears: long}
          """
              .formatted(engine));
    }
    Files.writeString(
        project.resolve("lagoa.yaml"), example.replaceFirst("(?m)^sources:\n", zones.toString()));
    zone = Files.createDirectories(project.resolve("zone"));
    landing = Files.createDirectories(project.resolve("landing/cars"));
    GENERATOR.writeOnePerFile(landing, 150);
    lake =
        Lakehouse.open(
            ProjectConfigLoader.withSystemEnvironment().load(project), Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    if (lake != null) {
      lake.close();
    }
  }

  @Test
  @Order(1)
  void carTelemetryBuiltOnSparkHasTheRowsOfTheDuckDbBuild() {
    RunReport duck =
        lake.run(RunRequest.wholeProject(false), ProgressListener.NONE, LoadListener.NONE);
    assertThat(duck.models().orElseThrow().succeeded()).as(duck.models().get().summary()).isTrue();
    Map<String, List<String>> onDuckDb = rowsOfEveryTable();
    assertThat(onDuckDb.get("silver.car_readings")).hasSizeGreaterThan(10);

    ModelRunReport spark = lake.runModels(Selection.all(), true, Engine.SPARK);

    assertThat(spark.succeeded()).as(spark.summary()).isTrue();
    assertThat(spark.result("car_readings").orElseThrow().message()).contains("on Spark");
    assertSameRows(onDuckDb, rowsOfEveryTable());
  }

  @Test
  @Order(2)
  void anIncrementalSparkBuildContinuesFromTheBookmarkOfADuckDbBuild() {
    lake.runModels(Selection.all(), true, Engine.DUCKDB);
    String car = GENERATOR.chassisIds().get(0);
    LocalDateTime day = LocalDateTime.of(2025, 10, 28, 20, 0);
    GENERATOR.writeOnePerFile(
        landing,
        List.of(
            GENERATOR.reading(car, 987_654, day), GENERATOR.reading(car, 5, day.plusMinutes(5))));
    GENERATOR.writeOnePerFile(landing, 30);
    lake.load(
        lake.source("car_readings", dev.lagoa.core.config.FilesSourceConfig.class),
        dev.lagoa.ingest.LoadListener.NONE);

    ModelRunReport spark = lake.runModels(Selection.parse("car_readings"), false, Engine.SPARK);

    ModelResult silver = spark.result("car_readings").orElseThrow();
    assertThat(spark.succeeded()).as(spark.summary()).isTrue();
    assertThat(silver.mode()).isEqualTo(BuildMode.INCREMENTAL);
    assertThat(silver.rowsIn()).isEqualTo(32);
    assertThat(
            rows(
                "SELECT CAST(currentMileage AS BIGINT) FROM silver.car_readings WHERE carChassis = '"
                    + car
                    + "' AND event_date = DATE '2025-10-28'"))
        .as(
            "%s\n%s",
            spark.summary(),
            rows(
                "SELECT carChassis, event_date, currentMileage, metrics_metricTimestamp FROM silver.car_readings"))
        .containsExactly("987654");
    List<String> incrementalOnSpark = rows("SELECT * FROM silver.car_readings");

    ModelRunReport rebuilt = lake.runModels(Selection.parse("car_readings"), true, Engine.DUCKDB);

    assertThat(rebuilt.succeeded()).as(rebuilt.summary()).isTrue();
    assertSameRows(
        Map.of("silver.car_readings", incrementalOnSpark),
        Map.of("silver.car_readings", rows("SELECT * FROM silver.car_readings")));
  }

  @Test
  @Order(3)
  void aTableWithSparkDeleteFilesIsRefusedByNameWhileEveryOtherQueryRuns() {
    String car = GENERATOR.chassisIds().get(1);
    lake.spark()
        .job()
        .sql(
            "ALTER TABLE gold.car_latest_state SET TBLPROPERTIES ('write.delete.mode' ="
                + " 'merge-on-read')");
    lake.spark().job().sql("DELETE FROM gold.car_latest_state WHERE carChassis = '" + car + "'");

    assertThat(rows("SELECT count(*) FROM silver.car_readings WHERE carChassis = '" + car + "'"))
        .doesNotContain("0");
    assertThatThrownBy(() -> rows("SELECT * FROM gold.car_latest_state"))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining("Cannot read table lagoa.gold.car_latest_state")
        .hasMessageContaining("has row-level deletes");
    assertThat(rows("SELECT count(*) FROM temperature_alerts")).hasSize(1);
  }

  @Test
  @Order(4)
  void theLoaderOnSparkLandsTheExampleLandingZoneWithTheRowsRescuedValuesAndQuarantineOfDuckDb() {
    // The car-telemetry example's landing zone: its 2,000 readings and its bad files.
    CarTelemetryGenerator example = new CarTelemetryGenerator(42, 25, 7);
    example.writeOnePerFile(zone, 2_000);
    example.writeBadFiles(zone.resolve("bad"));

    LoadReport onDuckDb = lake.load(zoneSource("duckdb"), LoadListener.NONE, Engine.DUCKDB);
    LoadReport onSpark = lake.load(zoneSource("spark"), LoadListener.NONE, Engine.SPARK);

    assertThat(onDuckDb.filesLoaded()).isEqualTo(2_005);
    assertThat(onSpark.filesLoaded()).isEqualTo(2_005);
    assertThat(onSpark.rowsLoaded()).isEqualTo(onDuckDb.rowsLoaded()).isGreaterThan(2_000);
    assertThat(onSpark.rowsRescued()).isEqualTo(onDuckDb.rowsRescued()).isEqualTo(1);
    assertThat(onSpark.rescuedFields()).isEqualTo(Map.of("metrics.engineTempCelsius", 1L));
    assertThat(onSpark.rowsQuarantined()).isEqualTo(onDuckDb.rowsQuarantined());
    assertThat(onSpark.columnsAdded()).isEqualTo(onDuckDb.columnsAdded());
    String rows = "SELECT * EXCLUDE (_ingested_at) FROM bronze.zone_";
    assertThat(rows(rows + "spark")).hasSize(rows(rows + "duckdb").size());
    assertThat(rows(rows + "duckdb EXCEPT ALL " + rows + "spark")).isEmpty();
    assertThat(rows(rows + "spark EXCEPT ALL " + rows + "duckdb")).isEmpty();
    assertThat(rows("SELECT _rescued_data FROM bronze.zone_spark WHERE _rescued_data IS NOT NULL"))
        .containsExactly("{\"metrics.engineTempCelsius\":\"hot\"}");
    String quarantine = "SELECT _source_file, _line, reason, raw FROM bronze.zone_%s_quarantine";
    assertThat(rows(quarantine.formatted("spark")))
        .containsExactlyInAnyOrderElementsOf(rows(quarantine.formatted("duckdb")));
    assertThat(
            rows(
                "SELECT DISTINCT regexp_extract(_source_file, 'bad_[a-z_]+') FROM bronze.zone_spark_quarantine"))
        .containsExactlyInAnyOrder(
            "bad_malformed_document", "bad_malformed_line", "bad_empty", "bad_truncated");
    Table loaded = lake.catalog().load("bronze.zone_spark");
    assertThat(loaded.refs().keySet()).containsExactly("main");
    assertThat(loaded.currentSnapshot().summary())
        .containsEntry("lagoa.ingest.source", "zone_spark");

    LoadReport again = lake.load(zoneSource("spark"), LoadListener.NONE, Engine.SPARK);

    assertThat(again.filesLoaded()).isZero();
    assertThat(again.filesSkipped()).isEqualTo(2_005);
  }

  @Test
  @Order(5)
  void aLoadOnSparkKilledBeforeItsCommitLeavesTheTableAsItWasAndTheRerunLoadsEveryFileOnce()
      throws IOException {
    long before = Long.parseLong(rows("SELECT count(*) FROM bronze.zone_spark").get(0));
    new CarTelemetryGenerator(7, 3, 2)
        .writeOnePerFile(Files.createDirectories(zone.resolve("later")), 20);
    // Lagoa dies once Spark has written the batch's rows, before it commits them.
    FilesLoader killed =
        new FilesLoader(lake.catalog(), lake.engine(), Clock.systemUTC(), 2)
            .onJob(
                request -> {
                  var answer = lake.spark().job().request(request);
                  if (request.path("op").asText().equals("load_write")) {
                    throw new IllegalStateException("killed after load_write");
                  }
                  return answer;
                });

    assertThatThrownBy(() -> killed.load(zoneSource("spark"), LoadListener.NONE))
        .hasMessageContaining("killed after load_write");
    assertThat(rows("SELECT count(*) FROM bronze.zone_spark")).containsExactly(before + "");
    assertThat(lake.catalog().load("bronze.zone_spark").refs().keySet())
        .anyMatch(name -> name.startsWith("lagoa_load_"));

    LoadReport rerun = lake.load(zoneSource("spark"), LoadListener.NONE, Engine.SPARK);

    assertThat(rerun.filesLoaded()).isEqualTo(20);
    assertThat(rows("SELECT count(*) FROM bronze.zone_spark")).containsExactly(before + 20 + "");
    assertThat(
            rows(
                "SELECT count(*), count(DISTINCT _source_file) FROM bronze.zone_spark"
                    + " WHERE _source_file LIKE '%/later/%'"))
        .containsExactly("20|20");
    assertThat(lake.catalog().load("bronze.zone_spark").refs().keySet()).containsExactly("main");
  }

  private static FilesSourceConfig zoneSource(String engine) {
    return lake.source("zone_" + engine, FilesSourceConfig.class);
  }

  private static Map<String, List<String>> rowsOfEveryTable() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(table, rows("SELECT * FROM " + table));
    }
    return rows;
  }

  private static List<String> rows(String query) {
    List<String> rows = new ArrayList<>();
    for (List<String> row : lake.sql(query, null, Integer.MAX_VALUE).rows()) {
      rows.add(String.join("|", row.stream().map(String::valueOf).toList()));
    }
    return rows;
  }

  /** EXCEPT both ways is empty, and no row is doubled: the same multiset of rows. */
  private static void assertSameRows(
      Map<String, List<String>> expected, Map<String, List<String>> actual) {
    for (Map.Entry<String, List<String>> table : expected.entrySet()) {
      assertThat(actual.get(table.getKey()))
          .as("rows of %s", table.getKey())
          .containsExactlyInAnyOrderElementsOf(table.getValue());
    }
  }
}
