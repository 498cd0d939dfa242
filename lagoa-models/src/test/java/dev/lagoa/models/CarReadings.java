package dev.lagoa.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Car telemetry readings shaped like the original JSON documents, landed as NDJSON files and loaded
 * into {@code bronze.car_readings} the way the landing loader does (structs kept, lineage columns
 * added).
 */
final class CarReadings {
  static final String TABLE = "bronze.car_readings";

  private static final String COLUMNS =
      "{carChassis: 'VARCHAR', Model: 'VARCHAR', year: 'BIGINT', ModelYear: 'BIGINT', Manufacturer: 'VARCHAR',"
          + " horsePower: 'BIGINT', gasType: 'VARCHAR', currentMileage: 'BIGINT', color: 'VARCHAR',"
          + " fuelCapacityLiters: 'DOUBLE',"
          + " metrics: 'STRUCT(engineTempCelsius DOUBLE, oilTempCelsius DOUBLE, batteryChargePerc DOUBLE,"
          + " fuelAvailableLiters DOUBLE, coolantCelsius DOUBLE, metricTimestamp VARCHAR, trip STRUCT(tripMileage DOUBLE,"
          + " tripTimeMinutes BIGINT, tripFuelLiters DOUBLE, tripMaxSpeedKm DOUBLE, tripAverageSpeedKm DOUBLE,"
          + " tripStartTimestamp VARCHAR))',"
          + " carInsurance: 'STRUCT(number VARCHAR, provider VARCHAR, validUntil VARCHAR)',"
          + " market: 'STRUCT(currentPrice DOUBLE, currency VARCHAR, location VARCHAR, dealer VARCHAR,"
          + " warrantyYears BIGINT, evaluator VARCHAR)'}";

  private final Lakehouse lake;
  private final Path landing;
  private int files;

  CarReadings(Lakehouse lake, Path landing) {
    this.lake = lake;
    this.landing = landing;
  }

  /** One reading; {@code timestamp} as the cars send it: {@code Wed, 29 Oct 2025 11:00:00}. */
  record Reading(
      String chassis,
      String manufacturer,
      String model,
      String color,
      long mileage,
      String timestamp,
      double fuelAvailable,
      double tripMileage,
      double tripFuel,
      double engineTemp,
      double oilTemp) {
    static Reading of(String chassis, long mileage, String timestamp) {
      return new Reading(chassis, "ford", "Ka", "Red", mileage, timestamp, 30, 120, 10, 90, 100);
    }

    Reading withTemperatures(double engine, double oil) {
      return new Reading(
          chassis,
          manufacturer,
          model,
          color,
          mileage,
          timestamp,
          fuelAvailable,
          tripMileage,
          tripFuel,
          engine,
          oil);
    }

    Reading withTrip(double kilometres, double liters) {
      return new Reading(
          chassis,
          manufacturer,
          model,
          color,
          mileage,
          timestamp,
          fuelAvailable,
          kilometres,
          liters,
          engineTemp,
          oilTemp);
    }

    String json() {
      return String.format(
          Locale.ROOT,
          "{\"carChassis\": \"%s\", \"Model\": \"%s\", \"year\": 2021, \"ModelYear\": 2022, \"Manufacturer\": \"%s\","
              + " \"horsePower\": 110, \"gasType\": \"flex\", \"currentMileage\": %d, \"color\": \"%s\","
              + " \"fuelCapacityLiters\": 50, \"metrics\": {\"engineTempCelsius\": %s, \"oilTempCelsius\": %s,"
              + " \"batteryChargePerc\": 80, \"fuelAvailableLiters\": %s, \"coolantCelsius\": 88.5,"
              + " \"metricTimestamp\": \"%s\", \"trip\": {\"tripMileage\": %s, \"tripTimeMinutes\": 95,"
              + " \"tripFuelLiters\": %s, \"tripMaxSpeedKm\": 120, \"tripAverageSpeedKm\": 64.2,"
              + " \"tripStartTimestamp\": \"%s\"}}, \"carInsurance\": {\"number\": \"INS-1\", \"provider\": \"Porto\","
              + " \"validUntil\": \"2026-05-01\"}, \"market\": {\"currentPrice\": 45000, \"currency\": \"BRL\","
              + " \"location\": \"Sao Paulo\", \"dealer\": \"Dealer A\", \"warrantyYears\": 3, \"evaluator\": \"FIPE\"}}",
          chassis,
          model,
          manufacturer,
          mileage,
          color,
          engineTemp,
          oilTemp,
          fuelAvailable,
          timestamp,
          tripMileage,
          tripFuel,
          timestamp);
    }
  }

  /** Lands one NDJSON file holding {@code readings} and loads it into the bronze table. */
  void land(List<Reading> readings) {
    Path file = landing.resolve("readings-" + (++files) + ".json");
    try {
      Files.createDirectories(landing);
      Files.writeString(
          file, String.join("\n", readings.stream().map(Reading::json).toList()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    lake.append(
        TABLE,
        "SELECT * EXCLUDE (filename), filename AS _source_file, now() AS _ingested_at,"
            + " row_number() OVER () AS _line, CAST(NULL AS VARCHAR) AS _rescued_data"
            + " FROM read_json('"
            + file
            + "', format = 'newline_delimited', filename = true, columns = "
            + COLUMNS
            + ")");
  }
}
