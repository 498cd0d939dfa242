package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.Engine;
import dev.lagoa.models.CarReadings.Reading;
import dev.lagoa.models.compile.ModelCompiler;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.project.ModelProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarTelemetryModelsTest {
  private static final String SILVER = "silver.car_readings";

  @TempDir Path directory;
  private Lakehouse lake;
  private CarReadings readings;
  private ModelProject project;
  private ModelRunner runner;

  @BeforeEach
  void open() {
    lake = new Lakehouse(directory.resolve("warehouse"));
    readings = new CarReadings(lake, directory.resolve("landing"));
    project = ModelProject.load(Examples.project("car-telemetry"));
    runner = lake.runner();
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private ModelRunReport run() {
    ModelRunReport report = runner.run(project, Selection.all(), false);
    assertThat(report.succeeded()).as(report.summary()).isTrue();
    return report;
  }

  @Test
  void theSameCarOnOneDayEndsAsOneRowWithItsHighestMileageAcrossTwoRuns() {
    readings.land(List.of(Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 08:00:00")));
    run();
    readings.land(List.of(Reading.of("CHASSIS-A", 8500, "Wed, 29 Oct 2025 18:00:00")));

    ModelRunReport second = run();

    assertThat(
            lake.query(
                SILVER, "SELECT carChassis || ' ' || event_date || ' ' || currentMileage FROM {t}"))
        .containsExactly("CHASSIS-A 2025-10-29 8500");
    ModelResult silver = second.result("car_readings").orElseThrow();
    assertThat(silver.mode()).isEqualTo(BuildMode.INCREMENTAL);
    assertThat(silver.rowsIn()).as("the second run reads only the new reading").isEqualTo(1);
  }

  @Test
  void anOlderReadingArrivingLaterDoesNotReplaceTheHigherMileage() {
    readings.land(List.of(Reading.of("CHASSIS-A", 8500, "Wed, 29 Oct 2025 18:00:00")));
    run();
    readings.land(List.of(Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 08:00:00")));

    run();

    assertThat(lake.query(SILVER, "SELECT currentMileage FROM {t}")).containsExactly("8500");
  }

  @Test
  void partitionsWithoutNewReadingsKeepTheirDataFiles() {
    readings.land(
        List.of(
            Reading.of("CHASSIS-A", 1000, "Tue, 28 Oct 2025 09:00:00"),
            Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 08:00:00")));
    run();
    Set<String> before = filesOfDay("2025-10-28");
    Set<String> touchedBefore = filesOfDay("2025-10-29");
    readings.land(List.of(Reading.of("CHASSIS-B", 700, "Wed, 29 Oct 2025 10:00:00")));

    run();

    assertThat(filesOfDay("2025-10-28")).isEqualTo(before);
    assertThat(filesOfDay("2025-10-29")).doesNotContainAnyElementsOf(touchedBefore).isNotEmpty();
    assertThat(lake.query(SILVER, "SELECT carChassis || ' ' || event_date FROM {t} ORDER BY 1"))
        .containsExactly("CHASSIS-A 2025-10-28", "CHASSIS-A 2025-10-29", "CHASSIS-B 2025-10-29");
  }

  private Set<String> filesOfDay(String day) {
    int epochDay = (int) java.time.LocalDate.parse(day).toEpochDay();
    return lake.files(SILVER).stream()
        .filter(file -> Integer.valueOf(epochDay).equals(file.partition().get(0, Integer.class)))
        .map(DataFile::location)
        .collect(Collectors.toSet());
  }

  @Test
  void rerunningWithNothingNewCommitsNoSnapshot() {
    readings.land(List.of(Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 08:00:00")));
    run();
    long silverSnapshot = lake.table(SILVER).currentSnapshot().snapshotId();
    long goldSnapshot = lake.table("gold.car_latest_state").currentSnapshot().snapshotId();

    ModelRunReport again = run();

    assertThat(again.results())
        .allSatisfy(result -> assertThat(result.status()).isEqualTo(ModelStatus.UP_TO_DATE));
    assertThat(lake.table(SILVER).currentSnapshot().snapshotId()).isEqualTo(silverSnapshot);
    assertThat(lake.table("gold.car_latest_state").currentSnapshot().snapshotId())
        .isEqualTo(goldSnapshot);
  }

  @Test
  void silverFlattensCleansesAndDerives() {
    readings.land(
        List.of(
            Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 11:00:00").withTrip(123.456, 10),
            Reading.of("CHASSIS-B", 100, "Wed, 29 Oct 2025 12:30:15").withTrip(5, 0)));

    run();

    assertThat(
            lake.query(
                SILVER,
                "SELECT concat_ws('|', carChassis, Manufacturer, color, metrics_metricTimestamp, fuel_level_percentage,"
                    + " coalesce(CAST(km_per_liter AS VARCHAR), 'null'), metrics_trip_tripMileage, carInsurance_validUntil,"
                    + " market_location) FROM {t} ORDER BY carChassis"))
        .containsExactly(
            "CHASSIS-A|Ford|red|2025-10-29 11:00:00|60.0|12.35|123.456|2026-05-01|Sao Paulo",
            "CHASSIS-B|Ford|red|2025-10-29 12:30:15|60.0|null|5.0|2026-05-01|Sao Paulo");
  }

  @Test
  void goldTablesHoldTheLatestStateEfficiencyAndAlerts() {
    readings.land(
        List.of(
            Reading.of("CHASSIS-A", 1000, "Tue, 28 Oct 2025 09:00:00").withTrip(100, 10),
            Reading.of("CHASSIS-A", 1200, "Wed, 29 Oct 2025 09:00:00")
                .withTrip(140, 10)
                .withTemperatures(115, 100),
            Reading.of("CHASSIS-B", 500, "Wed, 29 Oct 2025 10:00:00")
                .withTrip(60, 5)
                .withTemperatures(95, 135)));

    run();

    assertThat(
            lake.query(
                "gold.car_latest_state",
                "SELECT carChassis || ' ' || currentMileage FROM {t} ORDER BY 1"))
        .containsExactly("CHASSIS-A 1200", "CHASSIS-B 500");
    assertThat(
            lake.query(
                "gold.fuel_efficiency_by_car",
                "SELECT carChassis || ' ' || km_per_liter FROM {t} ORDER BY 1"))
        .containsExactly("CHASSIS-A 12.0", "CHASSIS-B 12.0");
    assertThat(
            lake.query(
                "gold.fuel_efficiency_by_model",
                "SELECT Manufacturer || ' ' || Model || ' ' || cars FROM {t}"))
        .containsExactly("Ford Ka 2");
    assertThat(
            lake.query(
                "gold.temperature_alerts",
                "SELECT carChassis || ' ' || alert_type FROM {t} ORDER BY 1"))
        .containsExactly("CHASSIS-A engine_overheat", "CHASSIS-B oil_overheat");
  }

  @Test
  void aFullRefreshRebuildsFromAllReadings() {
    readings.land(List.of(Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 08:00:00")));
    run();
    readings.land(List.of(Reading.of("CHASSIS-A", 8500, "Wed, 29 Oct 2025 18:00:00")));
    run();

    ModelRunReport refreshed = runner.run(project, Selection.parse("car_readings"), true);

    assertThat(refreshed.results()).extracting(ModelResult::model).containsExactly("car_readings");
    assertThat(refreshed.results().get(0).mode()).isEqualTo(BuildMode.FULL);
    assertThat(refreshed.results().get(0).rowsIn()).isEqualTo(2);
    assertThat(lake.query(SILVER, "SELECT currentMileage FROM {t}")).containsExactly("8500");
  }

  @Test
  void selectingAModelWithItsDescendantsRunsTheGoldTablesBuiltFromIt() {
    readings.land(List.of(Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 08:00:00")));

    ModelRunReport report = runner.run(project, Selection.parse("car_readings+"), false);

    assertThat(report.results())
        .extracting(ModelResult::model)
        .containsExactly(
            "car_readings",
            "car_latest_state",
            "fuel_efficiency_by_car",
            "fuel_efficiency_by_model",
            "temperature_alerts");
  }

  @Test
  void everyModelKeepsToThePortableSqlSubsetSoItCanRunOnSpark() {
    readings.land(List.of(Reading.of("CHASSIS-A", 4321, "Wed, 29 Oct 2025 08:00:00")));

    assertThat(
            new ModelCompiler(lake.engine, lake.catalog)
                .compile(project, Selection.all(), Engine.SPARK)
                .problems())
        .isEmpty();
  }
}
