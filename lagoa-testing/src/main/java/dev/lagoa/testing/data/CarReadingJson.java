package dev.lagoa.testing.data;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a {@link CarReading} as the cars send it. One instance per writing thread: it caches the
 * formatted day, because formatting two timestamps per reading with {@link DateTimeFormatter} would
 * dominate the time to write a million readings.
 */
final class CarReadingJson {
  /** {@code Wed, 29 Oct 2025 11:00:00}: English names, no zone. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss", Locale.ENGLISH);

  private LocalDate cachedDay;
  private String cachedDayPrefix;

  /**
   * Writes one reading as a JSON object. With {@code wholeNumbersAsIntegers} every double holding a
   * whole number is written as {@code 32}, otherwise as {@code 32.0}: the same field drifts between
   * JSON integer and JSON float across documents, as in the original source.
   */
  void write(JsonGenerator json, CarReading reading, boolean wholeNumbersAsIntegers)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("carChassis", reading.carChassis());
    json.writeStringField("Model", reading.model());
    json.writeNumberField("year", reading.year());
    json.writeNumberField("ModelYear", reading.modelYear());
    json.writeStringField("Manufacturer", reading.manufacturer());
    json.writeNumberField("horsePower", reading.horsePower());
    json.writeStringField("gasType", reading.gasType());
    number(json, "currentMileage", reading.currentMileage(), wholeNumbersAsIntegers);
    json.writeStringField("color", reading.color());
    number(json, "fuelCapacityLiters", reading.fuelCapacityLiters(), wholeNumbersAsIntegers);

    CarReading.Metrics metrics = reading.metrics();
    json.writeObjectFieldStart("metrics");
    number(json, "engineTempCelsius", metrics.engineTempCelsius(), wholeNumbersAsIntegers);
    number(json, "oilTempCelsius", metrics.oilTempCelsius(), wholeNumbersAsIntegers);
    number(json, "batteryChargePerc", metrics.batteryChargePerc(), wholeNumbersAsIntegers);
    number(json, "fuelAvailableLiters", metrics.fuelAvailableLiters(), wholeNumbersAsIntegers);
    number(json, "coolantCelsius", metrics.coolantCelsius(), wholeNumbersAsIntegers);
    json.writeStringField("metricTimestamp", format(metrics.metricTimestamp()));
    CarReading.Trip trip = metrics.trip();
    json.writeObjectFieldStart("trip");
    number(json, "tripMileage", trip.tripMileage(), wholeNumbersAsIntegers);
    number(json, "tripTimeMinutes", trip.tripTimeMinutes(), wholeNumbersAsIntegers);
    number(json, "tripFuelLiters", trip.tripFuelLiters(), wholeNumbersAsIntegers);
    number(json, "tripMaxSpeedKm", trip.tripMaxSpeedKm(), wholeNumbersAsIntegers);
    number(json, "tripAverageSpeedKm", trip.tripAverageSpeedKm(), wholeNumbersAsIntegers);
    json.writeStringField("tripStartTimestamp", format(trip.tripStartTimestamp()));
    json.writeEndObject();
    json.writeEndObject();

    CarReading.CarInsurance insurance = reading.carInsurance();
    json.writeObjectFieldStart("carInsurance");
    json.writeStringField("number", insurance.number());
    json.writeStringField("provider", insurance.provider());
    json.writeStringField("validUntil", insurance.validUntil().toString());
    json.writeEndObject();

    CarReading.Market market = reading.market();
    json.writeObjectFieldStart("market");
    number(json, "currentPrice", market.currentPrice(), wholeNumbersAsIntegers);
    json.writeStringField("currency", market.currency());
    json.writeStringField("location", market.location());
    json.writeStringField("dealer", market.dealer());
    json.writeNumberField("warrantyYears", market.warrantyYears());
    json.writeStringField("evaluator", market.evaluator());
    json.writeEndObject();

    json.writeEndObject();
  }

  String format(LocalDateTime timestamp) {
    LocalDate day = timestamp.toLocalDate();
    if (!day.equals(cachedDay)) {
      String midnight = TIMESTAMP.format(day.atStartOfDay());
      cachedDayPrefix = midnight.substring(0, midnight.length() - "00:00:00".length());
      cachedDay = day;
    }
    StringBuilder text = new StringBuilder(cachedDayPrefix.length() + 8).append(cachedDayPrefix);
    twoDigits(text, timestamp.getHour()).append(':');
    twoDigits(text, timestamp.getMinute()).append(':');
    return twoDigits(text, timestamp.getSecond()).toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static void number(
      JsonGenerator json, String name, double value, boolean wholeNumbersAsIntegers)
      throws IOException {
    if (wholeNumbersAsIntegers && value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.writeNumberField(name, (long) value);
    } else {
      json.writeNumberField(name, value);
    }
  }
}
