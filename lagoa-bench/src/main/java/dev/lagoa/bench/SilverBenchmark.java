package dev.lagoa.bench;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.files.Directories;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.duckdb.QuerySchemas;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.ModelRunner;
import dev.lagoa.models.RunOptions;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Car-telemetry silver consolidation: the example's incremental model (flatten, cleanse, derive,
 * one row per car and day, partitioned by day) built by Lagoa from the bronze table, against the
 * same logic as one hand-written DuckDB statement over the same bronze Parquet files, measured
 * alternately in the same process; then an incremental run that adds 1% new readings (the next
 * day's, as telemetry arrives in time order) against a full rebuild of the same table.
 */
final class SilverBenchmark {
  static final int READINGS_PER_FILE = 10_000;
  private static final int ROUNDS = Integer.getInteger("rounds", 3);
  private static final int CARS = 2_000;

  private SilverBenchmark() {}

  static void run(Path data, Path home, String[] args) throws Exception {
    long[] sizes =
        args.length == 0
            ? new long[] {1_000_000, 10_000_000}
            : Stream.of(args).mapToLong(Long::parseLong).toArray();
    Path examples = home.resolve("examples/car-telemetry");
    System.out.printf(
        "Silver consolidation benchmark: car-telemetry, %d cores, best of %d rounds%n",
        Runtime.getRuntime().availableProcessors(), ROUNDS);
    System.out.printf(
        "%12s %12s %12s %14s %16s %16s %10s%n",
        "readings",
        "duckdb s",
        "lagoa s",
        "lagoa/duckdb",
        "+1% incr. s",
        "full rebuild s",
        "incr/full");
    for (long size : sizes) {
      measure(data, examples, size);
    }
    System.out.println(
        "(lagoa/duckdb: time of Lagoa's model build over time of the hand-written statement; incr/full:"
            + " time of the incremental run adding 1% over a full rebuild of the same 101%)");
  }

  private static void measure(Path data, Path examples, long size) throws Exception {
    long increment = size / 100;
    Path files = generate(data, size + increment);
    int baseFiles = (int) (size / READINGS_PER_FILE);
    List<Path> all;
    try (Stream<Path> list = Files.list(files)) {
      all = list.sorted().toList();
    }
    Path warehouse = data.resolve("silver-warehouse");
    Directories.deleteRecursively(warehouse);
    try (LakeCatalog catalog =
            LakeCatalog.open(
                new CatalogConfig(
                    "lagoa",
                    "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                    warehouse.toString(),
                    Map.of()));
        DuckEngine engine = DuckEngine.open()) {
      TableWriter writer = new TableWriter(engine, Clock.systemUTC());
      Table bronze = createBronze(engine, catalog, all.subList(0, baseFiles));
      ModelProject project = ModelProject.load(examples);
      ModelRunner runner = new ModelRunner(engine, catalog, Clock.systemUTC());
      double duck = Double.MAX_VALUE;
      double lagoa = Double.MAX_VALUE;
      for (int round = 0; round < ROUNDS; round++) {
        duck = Math.min(duck, handWritten(engine, bronze, data));
        lagoa = Math.min(lagoa, build(runner, project, true));
      }
      // The next day's readings arrive: 1% more, appended to bronze.
      writer.write(
          bronze,
          bronzeRows(all.subList(baseFiles, all.size())),
          WriteMode.APPEND,
          dev.lagoa.iceberg.commit.LagoaSummary.empty());
      bronze.refresh();
      double incremental = build(runner, project, false);
      double full = Double.MAX_VALUE;
      for (int round = 0; round < ROUNDS; round++) {
        full = Math.min(full, build(runner, project, true));
      }
      System.out.printf(
          "%,12d %12.2f %12.2f %14.2f %16.2f %16.2f %10.3f%n",
          size, duck, lagoa, lagoa / duck, incremental, full, incremental / full);
    } finally {
      Directories.deleteRecursively(warehouse);
    }
  }

  private static double build(ModelRunner runner, ModelProject project, boolean fullRefresh) {
    long start = System.nanoTime();
    // Model tests are a separate step (lagoa test); the hand-written statement has none either.
    ModelRunReport report =
        runner.run(project, Selection.parse("car_readings"), new RunOptions(fullRefresh, false));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!report.succeeded()) {
      throw new IllegalStateException("The silver model failed:\n" + report.summary());
    }
    return seconds;
  }

  /** Bronze as the landing loader leaves it: nested structs plus the loader's metadata columns. */
  static Table createBronze(DuckEngine engine, LakeCatalog catalog, List<Path> files) {
    String rows = bronzeRows(files);
    Table bronze =
        catalog.create(
            "bronze.car_readings",
            QuerySchemas.schemaOf(engine, rows),
            PartitionSpec.unpartitioned());
    new TableWriter(engine, Clock.systemUTC())
        .write(bronze, rows, WriteMode.APPEND, dev.lagoa.iceberg.commit.LagoaSummary.empty());
    bronze.refresh();
    return bronze;
  }

  private static String bronzeRows(List<Path> files) {
    StringJoiner list = new StringJoiner(", ", "[", "]");
    files.forEach(file -> list.add(DuckTypes.literal(file.toString())));
    return "SELECT * EXCLUDE (filename), filename AS _source_file, CAST(NULL AS BIGINT) AS _line,"
        + " now() AS _ingested_at, CAST(NULL AS VARCHAR) AS _rescued_data FROM read_json("
        + list
        + ", format = 'newline_delimited', filename = true)";
  }

  /**
   * The silver logic as one DuckDB statement over bronze's data files, written as partitioned
   * Parquet: the model's SELECT (Spark's initcap spelled as the DuckDB list expression that gives
   * the same result for names of several words), its drop expectations as a filter and its
   * keep-latest dedup. What it does not do is Lagoa's part: count each expectation's failures,
   * quarantine, commit to Iceberg with a bookmark.
   */
  private static double handWritten(DuckEngine engine, Table bronze, Path data) throws IOException {
    List<String> bronzeFiles = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = bronze.newScan().planFiles()) {
      tasks.forEach(task -> bronzeFiles.add(task.file().location()));
    }
    StringJoiner list = new StringJoiner(", ", "[", "]");
    bronzeFiles.stream().distinct().forEach(file -> list.add(DuckTypes.literal(file)));
    Path out = data.resolve("duckdb-silver");
    Directories.deleteRecursively(out);
    long start = System.nanoTime();
    engine.execute(
        """
        COPY (
          WITH readings AS (
            SELECT *, strptime(metrics.metricTimestamp, '%%a, %%d %%b %%Y %%H:%%M:%%S') AS metric_ts
            FROM read_parquet(%s)
          )
          SELECT carChassis, Model, year, ModelYear,
            array_to_string(list_transform(string_split(lower(Manufacturer), ' '), lambda w: upper(w[1]) || w[2:]), ' ')
              AS Manufacturer,
            horsePower, gasType, currentMileage, lower(color) AS color, fuelCapacityLiters,
            metrics.engineTempCelsius AS metrics_engineTempCelsius, metrics.oilTempCelsius AS metrics_oilTempCelsius,
            metrics.batteryChargePerc AS metrics_batteryChargePerc, metrics.fuelAvailableLiters AS metrics_fuelAvailableLiters,
            metrics.coolantCelsius AS metrics_coolantCelsius, metric_ts AS metrics_metricTimestamp,
            metrics.trip.tripMileage AS metrics_trip_tripMileage, metrics.trip.tripTimeMinutes AS metrics_trip_tripTimeMinutes,
            metrics.trip.tripFuelLiters AS metrics_trip_tripFuelLiters, metrics.trip.tripMaxSpeedKm AS metrics_trip_tripMaxSpeedKm,
            metrics.trip.tripAverageSpeedKm AS metrics_trip_tripAverageSpeedKm,
            strptime(metrics.trip.tripStartTimestamp, '%%a, %%d %%b %%Y %%H:%%M:%%S') AS metrics_trip_tripStartTimestamp,
            carInsurance.number AS carInsurance_number, carInsurance.provider AS carInsurance_provider,
            CAST(carInsurance.validUntil AS DATE) AS carInsurance_validUntil,
            market.currentPrice AS market_currentPrice, market.currency AS market_currency,
            market.location AS market_location, market.dealer AS market_dealer,
            market.warrantyYears AS market_warrantyYears, market.evaluator AS market_evaluator,
            CASE WHEN fuelCapacityLiters > 0 THEN round(metrics.fuelAvailableLiters / fuelCapacityLiters * 100, 2) END AS fuel_level_percentage,
            CASE WHEN metrics.trip.tripFuelLiters > 0 THEN round(metrics.trip.tripMileage / metrics.trip.tripFuelLiters, 2) END AS km_per_liter,
            CAST(metric_ts AS DATE) AS event_date, _source_file, _ingested_at
          FROM readings
          -- the model's drop expectations: has_chassis, readable_timestamp, non_negative_mileage
          WHERE carChassis IS NOT NULL AND metric_ts IS NOT NULL AND currentMileage >= 0
          QUALIFY row_number() OVER (PARTITION BY carChassis, CAST(metric_ts AS DATE) ORDER BY currentMileage DESC) = 1
        ) TO '%s' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (event_date), WRITE_PARTITION_COLUMNS true)
        """
            .formatted(list, out));
    double seconds = (System.nanoTime() - start) / 1e9;
    Directories.deleteRecursively(out);
    return seconds;
  }

  static Path generate(Path data, long readings) throws IOException {
    Path directory = data.resolve("silver-cars-" + readings);
    if (Files.isDirectory(directory)) {
      return directory;
    }
    Path partial = data.resolve(".silver-cars-" + readings + ".part");
    Directories.deleteRecursively(partial);
    Files.createDirectories(partial);
    // 101 days in time order: the last 1% of readings is (about) the last day.
    new CarTelemetryGenerator(2, CARS, 101)
        .writeNdjsonGz(partial, (int) (readings / READINGS_PER_FILE), READINGS_PER_FILE);
    Files.move(partial, directory);
    return directory;
  }
}
