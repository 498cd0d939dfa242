package dev.lagoa.testing.data;

import dev.lagoa.testing.data.CarFleet.FleetCar;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The readings of a fleet over a time span, in time order. Reading {@code i} comes from car {@code
 * i mod cars}, so every car reports equally often; each car's odometer and fuel tank carry over
 * from one of its readings to the next, so its mileage rises strictly over time.
 */
final class CarReadingSequence implements Iterator<CarReading> {
  private final List<FleetCar> fleet;
  private final SplittableRandom random;
  private final LocalDateTime start;
  private final long spanSeconds;
  private final long slotSeconds;
  private final long count;
  private final double[] odometer;
  private final double[] fuel;
  private long next;

  CarReadingSequence(
      List<FleetCar> fleet,
      SplittableRandom random,
      LocalDateTime start,
      long spanSeconds,
      long count) {
    this.fleet = fleet;
    this.random = random;
    this.start = start;
    this.spanSeconds = spanSeconds;
    this.slotSeconds = spanSeconds / Math.max(1, count);
    this.count = count;
    this.odometer = new double[fleet.size()];
    this.fuel = new double[fleet.size()];
    for (int i = 0; i < fleet.size(); i++) {
      FleetCar car = fleet.get(i);
      odometer[i] = car.initialMileage();
      fuel[i] = car.model().fuelCapacityLiters() * (0.4 + 0.6 * random.nextDouble());
    }
  }

  @Override
  public boolean hasNext() {
    return next < count;
  }

  @Override
  public CarReading next() {
    if (!hasNext()) {
      throw new NoSuchElementException("All " + count + " readings were returned");
    }
    int carIndex = (int) (next % fleet.size());
    FleetCar car = fleet.get(carIndex);
    // Evenly spaced slots, jittered within the slot, keep the whole sequence in time order.
    long offset = spanSeconds * next / count + (slotSeconds > 1 ? random.nextLong(slotSeconds) : 0);
    LocalDateTime at = start.plusSeconds(offset);
    next++;

    CarReading.Trip trip = CarReadingDraws.trip(car, at, random);
    odometer[carIndex] += trip.tripMileage();
    double capacity = car.model().fuelCapacityLiters();
    fuel[carIndex] -= trip.tripFuelLiters();
    if (fuel[carIndex] < capacity * 0.08) {
      fuel[carIndex] = capacity * (0.85 + 0.15 * random.nextDouble());
    }
    // Trips are at least 1 km, so the whole-km odometer rises with every reading of a car.
    double currentMileage = Math.floor(odometer[carIndex]);
    return CarReadingDraws.reading(
        car, currentMileage, CarReadingDraws.round(fuel[carIndex], 1), trip, at, random);
  }
}
