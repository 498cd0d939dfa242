package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One car telemetry reading, shaped like the documents the car-telemetry pipeline lands (DESIGN.md
 * §1.3). Components carry the values; {@link CarTelemetryGenerator} decides how they are spelled on
 * disk (JSON names {@code Model}, {@code ModelYear}, {@code Manufacturer}; whole numbers as {@code
 * 32} or {@code 32.0}; timestamps as {@code Wed, 29 Oct 2025 11:00:00}).
 */
public record CarReading(
    String carChassis,
    String model,
    int year,
    int modelYear,
    String manufacturer,
    int horsePower,
    String gasType,
    double currentMileage,
    String color,
    double fuelCapacityLiters,
    Metrics metrics,
    CarInsurance carInsurance,
    Market market) {

  public CarReading {
    requireNonNull(carChassis, "carChassis is null");
    requireNonNull(model, "model is null");
    requireNonNull(manufacturer, "manufacturer is null");
    requireNonNull(gasType, "gasType is null");
    requireNonNull(color, "color is null");
    requireNonNull(metrics, "metrics is null");
    requireNonNull(carInsurance, "carInsurance is null");
    requireNonNull(market, "market is null");
  }

  /** The local day of {@code metrics.metricTimestamp}: the day a silver table keeps one row for. */
  public LocalDate eventDay() {
    return metrics.metricTimestamp().toLocalDate();
  }

  /** Sensor values at {@code metricTimestamp}, a local time without zone, as the cars send it. */
  public record Metrics(
      double engineTempCelsius,
      double oilTempCelsius,
      double batteryChargePerc,
      double fuelAvailableLiters,
      double coolantCelsius,
      LocalDateTime metricTimestamp,
      Trip trip) {
    public Metrics {
      requireNonNull(metricTimestamp, "metricTimestamp is null");
      requireNonNull(trip, "trip is null");
    }
  }

  /** The trip that ended at the reading. {@code tripFuelLiters} is 0 for a hybrid on battery. */
  public record Trip(
      double tripMileage,
      double tripTimeMinutes,
      double tripFuelLiters,
      double tripMaxSpeedKm,
      double tripAverageSpeedKm,
      LocalDateTime tripStartTimestamp) {
    public Trip {
      requireNonNull(tripStartTimestamp, "tripStartTimestamp is null");
    }
  }

  public record CarInsurance(String number, String provider, LocalDate validUntil) {
    public CarInsurance {
      requireNonNull(number, "number is null");
      requireNonNull(provider, "provider is null");
      requireNonNull(validUntil, "validUntil is null");
    }
  }

  public record Market(
      double currentPrice,
      String currency,
      String location,
      String dealer,
      int warrantyYears,
      String evaluator) {
    public Market {
      requireNonNull(currency, "currency is null");
      requireNonNull(location, "location is null");
      requireNonNull(dealer, "dealer is null");
      requireNonNull(evaluator, "evaluator is null");
    }
  }
}
