package dev.lagoa.testing.data;

import dev.lagoa.testing.data.CarFleet.FleetCar;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/** Draws the parts of a reading that vary from one reading to the next. */
final class CarReadingDraws {
  private CarReadingDraws() {}

  static CarReading.Trip trip(FleetCar car, LocalDateTime end, SplittableRandom random) {
    int minutes = 5 + random.nextInt(116);
    double averageSpeed = round(18 + random.nextDouble() * 72, 1);
    double mileage = Math.max(1.0, round(averageSpeed * minutes / 60.0, 1));
    double maxSpeed = Math.min(190, Math.round(averageSpeed + 8 + random.nextInt(45)));
    boolean onBattery = car.hybrid() && mileage < 15 && random.nextInt(3) == 0;
    double fuel =
        onBattery
            ? 0.0
            : round(mileage / (car.kmPerLiter() * (0.85 + 0.3 * random.nextDouble())), 2);
    return new CarReading.Trip(
        mileage, minutes, fuel, maxSpeed, averageSpeed, end.minusMinutes(minutes));
  }

  /**
   * Sensor values are whole numbers except fuel, as the car reports them; about one reading in 50
   * has an overheating engine and one in 50 a low battery, so alert rules have something to find.
   */
  static CarReading reading(
      FleetCar car,
      double currentMileage,
      double fuelAvailableLiters,
      CarReading.Trip trip,
      LocalDateTime at,
      SplittableRandom random) {
    int alert = random.nextInt(100);
    double engineTemp =
        alert == 0 || alert == 1 ? 110 + random.nextInt(15) : 86 + random.nextInt(18);
    double battery =
        alert == 2 || alert == 3
            ? 5 + random.nextInt(15)
            : (car.hybrid() ? 35 + random.nextInt(61) : 70 + random.nextInt(31));
    CarReading.Metrics metrics =
        new CarReading.Metrics(
            engineTemp,
            92 + random.nextInt(24),
            battery,
            fuelAvailableLiters,
            82 + random.nextInt(16),
            at,
            trip);
    CarReading.Market market =
        new CarReading.Market(
            car.priceAt(currentMileage),
            "BRL",
            car.location(),
            car.dealer(),
            car.warrantyYears(),
            car.evaluator());
    return new CarReading(
        car.chassis(),
        car.model().name(),
        car.year(),
        car.modelYear(),
        car.model().manufacturer(),
        car.model().horsePower(),
        car.model().gasType(),
        currentMileage,
        car.color(),
        car.model().fuelCapacityLiters(),
        metrics,
        car.insurance(),
        market);
  }

  static double round(double value, int decimals) {
    double scale = decimals == 1 ? 10.0 : decimals == 2 ? 100.0 : Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
