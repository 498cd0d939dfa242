package dev.lagoa.bench;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.Engine;
import dev.lagoa.core.config.SparkConfig;
import dev.lagoa.core.files.Directories;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.ModelRunner;
import dev.lagoa.models.RunOptions;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.spark.SparkJob;
import dev.lagoa.models.spark.SparkJobClasspath;
import dev.lagoa.models.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The car-telemetry silver model on both engines, same bronze table, same run: Lagoa on DuckDB,
 * Lagoa on Spark ({@code local[2]} unless {@code -Dmaster=...}), and the same logic written by hand
 * as one Spark SQL statement ({@code CREATE OR REPLACE TABLE ... AS SELECT}) in the same Spark
 * session. Spark's session start-up is reported apart: it is paid once per {@code lagoa run}.
 * Before the timed builds the Spark JVM is warmed by the hand-written statement over the first
 * {@code -Dwarmup=500000} readings (untimed; {@code -Dwarmup=0} skips it): otherwise whichever
 * Spark statement runs first also pays the JVM's warm-up. {@code -DhandFirst=true} times the
 * hand-written statement before Lagoa's build.
 */
final class EnginesBenchmark {
  private static final int ROUNDS = Integer.getInteger("rounds", 2);
  private static final String MASTER = System.getProperty("master", "local[2]");
  private static final boolean HAND_FIRST = Boolean.getBoolean("handFirst");
  private static final long WARMUP = Long.getLong("warmup", 500_000);

  private EnginesBenchmark() {}

  static void run(Path data, Path home, String[] args) throws Exception {
    long[] sizes =
        args.length == 0
            ? new long[] {100_000, 1_000_000}
            : Stream.of(args).mapToLong(Long::parseLong).toArray();
    System.out.printf(
        "Engines benchmark: car-telemetry silver (full build), %d cores, Spark %s, best of %d"
            + " rounds%n",
        Runtime.getRuntime().availableProcessors(), MASTER, ROUNDS);
    System.out.printf(
        "%12s %10s %12s %12s %18s %14s%n",
        "readings",
        "duckdb s",
        "lagoa-spark s",
        "hand-spark s",
        "lagoa-spark/hand",
        "duckdb/spark");
    String classpath = SparkJobClasspath.ofBuild(home.resolve("lagoa-spark"));
    for (long size : sizes) {
      measure(data, home, size, classpath);
    }
    System.out.println(
        "(lagoa-spark/hand: Lagoa's model build on Spark over the hand-written Spark statement;"
            + " duckdb/spark: Lagoa on DuckDB over Lagoa on Spark. Session start-up is not in"
            + " these times: see the line above each size.)");
  }

  private static void measure(Path data, Path home, long size, String classpath) throws Exception {
    Path files = SilverBenchmark.generate(data, size);
    List<Path> all;
    try (Stream<Path> list = Files.list(files)) {
      all = list.sorted().toList();
    }
    Path warehouse = data.resolve("engines-warehouse");
    Directories.deleteRecursively(warehouse);
    CatalogConfig catalogConfig =
        new CatalogConfig(
            "lagoa",
            "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
            warehouse.toString(),
            Map.of());
    SparkConfig spark =
        new SparkConfig(
            MASTER,
            dev.lagoa.core.config.SparkDeployMode.CLIENT,
            "3g",
            Map.of("spark.sql.shuffle.partitions", "4"),
            classpath);
    try (LakeCatalog catalog = LakeCatalog.open(catalogConfig);
        DuckEngine engine = DuckEngine.open();
        SparkSessions sessions =
            new SparkSessions(spark, catalogConfig, data.resolve("engines-spark-job.log"))) {
      SilverBenchmark.createBronze(engine, catalog, all);
      ModelProject project = ModelProject.load(home.resolve("examples/car-telemetry"));
      ModelRunner runner = new ModelRunner(engine, catalog, Clock.systemUTC(), sessions);
      SparkJob job = sessions.job();
      System.out.printf(
          "%12s Spark session start-up (JVM launch + session): %.2f s%n",
          "", job.startup().toMillis() / 1e3);
      if (WARMUP > 0) {
        // Whatever Spark runs first in a fresh JVM also pays its warm-up (JIT, code generation):
        // 35 s of a 10M build on the shared 2-core machine. Warm it once, untimed, so that neither
        // measured statement carries it for the other.
        double warm =
            handWritten(
                job,
                "(SELECT * FROM bronze.car_readings LIMIT " + Math.min(WARMUP, size) + ")",
                "silver.car_readings_warmup");
        System.out.printf(
            "%12s Spark warm-up (the hand-written statement over %,d readings, untimed): %.2f s%n",
            "", Math.min(WARMUP, size), warm);
      }
      double duck = Double.MAX_VALUE;
      double onSpark = Double.MAX_VALUE;
      double hand = Double.MAX_VALUE;
      for (int round = 0; round < ROUNDS; round++) {
        duck = Math.min(duck, build(runner, project, Engine.DUCKDB));
        // The first statement of a fresh Spark JVM also pays its warm-up (JIT, code generation):
        // -DhandFirst=true runs the hand-written statement first, to see how much.
        if (HAND_FIRST) {
          hand =
              Math.min(
                  hand, handWritten(job, "bronze.car_readings", "silver.car_readings_by_hand"));
          onSpark = Math.min(onSpark, build(runner, project, Engine.SPARK));
        } else {
          onSpark = Math.min(onSpark, build(runner, project, Engine.SPARK));
          hand =
              Math.min(
                  hand, handWritten(job, "bronze.car_readings", "silver.car_readings_by_hand"));
        }
      }
      System.out.printf(
          "%,12d %10.2f %12.2f %12.2f %18.2f %14.3f%n",
          size, duck, onSpark, hand, onSpark / hand, duck / onSpark);
    } finally {
      Directories.deleteRecursively(warehouse);
    }
  }

  private static double build(ModelRunner runner, ModelProject project, Engine engine) {
    long start = System.nanoTime();
    ModelRunReport report =
        runner.run(project, Selection.parse("car_readings"), new RunOptions(true, false), engine);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!report.succeeded()) {
      throw new IllegalStateException("The silver model failed:\n" + report.summary());
    }
    return seconds;
  }

  /**
   * The silver logic as a Spark user writes it by hand: one statement, the day name stripped so
   * that Spark 4's parser takes the timestamps, the drop expectations as a filter, the keep-latest
   * dedup as a window, written as a day-partitioned Iceberg table. No expectation counts,
   * quarantine or bookmark.
   */
  private static double handWritten(SparkJob job, String bronze, String table) {
    long start = System.nanoTime();
    job.sql(
        """
        CREATE OR REPLACE TABLE %s USING iceberg PARTITIONED BY (event_date) AS
        SELECT %s FROM (
          SELECT *, row_number() OVER (PARTITION BY carChassis, event_date ORDER BY currentMileage DESC) AS rnk
          FROM (
            SELECT carChassis, Model, year, ModelYear, initcap(Manufacturer) AS Manufacturer,
              horsePower, gasType, currentMileage, lower(color) AS color, fuelCapacityLiters,
              metrics.engineTempCelsius AS metrics_engineTempCelsius, metrics.oilTempCelsius AS metrics_oilTempCelsius,
              metrics.batteryChargePerc AS metrics_batteryChargePerc, metrics.fuelAvailableLiters AS metrics_fuelAvailableLiters,
              metrics.coolantCelsius AS metrics_coolantCelsius, metric_ts AS metrics_metricTimestamp,
              metrics.trip.tripMileage AS metrics_trip_tripMileage, metrics.trip.tripTimeMinutes AS metrics_trip_tripTimeMinutes,
              metrics.trip.tripFuelLiters AS metrics_trip_tripFuelLiters, metrics.trip.tripMaxSpeedKm AS metrics_trip_tripMaxSpeedKm,
              metrics.trip.tripAverageSpeedKm AS metrics_trip_tripAverageSpeedKm,
              to_timestamp(substr(metrics.trip.tripStartTimestamp, 6), 'dd MMM yyyy HH:mm:ss') AS metrics_trip_tripStartTimestamp,
              carInsurance.number AS carInsurance_number, carInsurance.provider AS carInsurance_provider,
              to_date(carInsurance.validUntil, 'yyyy-MM-dd') AS carInsurance_validUntil,
              market.currentPrice AS market_currentPrice, market.currency AS market_currency,
              market.location AS market_location, market.dealer AS market_dealer,
              market.warrantyYears AS market_warrantyYears, market.evaluator AS market_evaluator,
              CASE WHEN fuelCapacityLiters > 0 THEN round(metrics.fuelAvailableLiters / fuelCapacityLiters * 100, 2) END AS fuel_level_percentage,
              CASE WHEN metrics.trip.tripFuelLiters > 0 THEN round(metrics.trip.tripMileage / metrics.trip.tripFuelLiters, 2) END AS km_per_liter,
              CAST(metric_ts AS DATE) AS event_date, _source_file, _ingested_at
            FROM (
              SELECT *, to_timestamp(substr(metrics.metricTimestamp, 6), 'dd MMM yyyy HH:mm:ss') AS metric_ts
              FROM %s
            ) readings
            WHERE carChassis IS NOT NULL AND metric_ts IS NOT NULL AND currentMileage >= 0
          ) flat
        ) ranked
        WHERE rnk = 1
        """
            .formatted(table, columnsWithoutRank(), bronze));
    return (System.nanoTime() - start) / 1e9;
  }

  private static String columnsWithoutRank() {
    return String.join(
        ", ",
        List.of(
            "carChassis",
            "Model",
            "year",
            "ModelYear",
            "Manufacturer",
            "horsePower",
            "gasType",
            "currentMileage",
            "color",
            "fuelCapacityLiters",
            "metrics_engineTempCelsius",
            "metrics_oilTempCelsius",
            "metrics_batteryChargePerc",
            "metrics_fuelAvailableLiters",
            "metrics_coolantCelsius",
            "metrics_metricTimestamp",
            "metrics_trip_tripMileage",
            "metrics_trip_tripTimeMinutes",
            "metrics_trip_tripFuelLiters",
            "metrics_trip_tripMaxSpeedKm",
            "metrics_trip_tripAverageSpeedKm",
            "metrics_trip_tripStartTimestamp",
            "carInsurance_number",
            "carInsurance_provider",
            "carInsurance_validUntil",
            "market_currentPrice",
            "market_currency",
            "market_location",
            "market_dealer",
            "market_warrantyYears",
            "market_evaluator",
            "fuel_level_percentage",
            "km_per_liter",
            "event_date",
            "_source_file",
            "_ingested_at"));
  }
}
