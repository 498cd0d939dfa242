package dev.lagoa.testing.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The cars of a telemetry fleet: everything about a car that does not change between readings. Car
 * {@code k} depends only on the seed and {@code k}, so a larger fleet extends a smaller one.
 */
final class CarFleet {
  /** Characters allowed in a VIN: digits and capitals without I, O and Q. */
  private static final String VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";

  private static final List<CarModel> MODELS =
      List.of(
          new CarModel("9BW", "volkswagen", "Golf", 150, 50, "gasoline", 98_000, 12.5),
          new CarModel("9BW", "volkswagen", "Polo", 116, 52, "flex", 82_000, 13.8),
          new CarModel("9BW", "volkswagen", "T-Cross", 150, 52, "flex", 125_000, 11.9),
          new CarModel("9BR", "toyota", "Corolla", 122, 43, "hybrid", 165_000, 17.5),
          new CarModel("8AJ", "toyota", "Hilux", 204, 80, "diesel", 280_000, 9.8),
          new CarModel("9BD", "fiat", "Argo", 107, 48, "flex", 78_000, 13.2),
          new CarModel("9BD", "fiat", "Toro", 185, 60, "diesel", 175_000, 10.4),
          new CarModel("9BG", "chevrolet", "Onix", 116, 44, "flex", 89_000, 14.1),
          new CarModel("9BG", "chevrolet", "Tracker", 133, 44, "flex", 132_000, 12.0),
          new CarModel("93H", "honda", "Civic", 173, 47, "gasoline", 155_000, 12.8),
          new CarModel("9BH", "hyundai", "HB20", 120, 50, "flex", 85_000, 13.0),
          new CarModel("9BF", "ford", "Ranger", 210, 80, "diesel", 290_000, 9.5),
          new CarModel("93Y", "renault", "Kwid", 71, 38, "flex", 68_000, 15.2));

  // Mixed case on purpose: the pipeline lower-cases colors during cleansing.
  private static final List<String> COLORS =
      List.of("Black", "WHITE", "silver", "Red", "Gray", "blue", "Pearl White", "black", "White");
  private static final List<String> INSURERS =
      List.of("Porto Seguro", "Allianz", "Tokio Marine", "Mapfre", "Bradesco Seguros", "HDI");
  private static final List<String> LOCATIONS =
      List.of(
          "São Paulo, SP",
          "Curitiba, PR",
          "Belo Horizonte, MG",
          "Porto Alegre, RS",
          "Recife, PE",
          "Goiânia, GO");
  private static final List<String> DEALERS =
      List.of(
          "AutoSul Veículos",
          "Rede Paulista Motors",
          "Carrera Multimarcas",
          "Nova Era Autos",
          "Pampa Veículos");
  private static final List<String> EVALUATORS = List.of("FIPE", "Webmotors", "KBB Brasil");

  private CarFleet() {}

  static List<FleetCar> generate(long seed, int cars) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FleetCar> fleet = new ArrayList<>(cars);
    Set<String> chassisIds = new HashSet<>();
    while (fleet.size() < cars) {
      FleetCar car = car(random.split());
      if (chassisIds.add(car.chassis())) {
        fleet.add(car);
      }
    }
    return List.copyOf(fleet);
  }

  private static FleetCar car(SplittableRandom random) {
    CarModel model = pick(random, MODELS);
    StringBuilder chassis = new StringBuilder(model.worldManufacturerId());
    while (chassis.length() < 17) {
      chassis.append(VIN_CHARS.charAt(random.nextInt(VIN_CHARS.length())));
    }
    int year = 2015 + random.nextInt(11);
    int modelYear = year + random.nextInt(2);
    double initialMileage = (2025 - year) * 11_000 + random.nextInt(9_000);
    double kmPerLiter = model.kmPerLiter() * (0.9 + 0.2 * random.nextDouble());
    LocalDate validUntil = LocalDate.of(2026, 1 + random.nextInt(12), 1).plusMonths(1).minusDays(1);
    String policy = String.format("APL-%08d", random.nextInt(100_000_000));
    return new FleetCar(
        chassis.toString(),
        model,
        year,
        modelYear,
        pick(random, COLORS),
        initialMileage,
        kmPerLiter,
        new CarReading.CarInsurance(policy, pick(random, INSURERS), validUntil),
        pick(random, LOCATIONS),
        pick(random, DEALERS),
        1 + random.nextInt(3),
        pick(random, EVALUATORS));
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** What a catalogue says about a model. */
  record CarModel(
      String worldManufacturerId,
      String manufacturer,
      String name,
      int horsePower,
      int fuelCapacityLiters,
      String gasType,
      double newPrice,
      double kmPerLiter) {}

  /** One car of the fleet. */
  record FleetCar(
      String chassis,
      CarModel model,
      int year,
      int modelYear,
      String color,
      double initialMileage,
      double kmPerLiter,
      CarReading.CarInsurance insurance,
      String location,
      String dealer,
      int warrantyYears,
      String evaluator) {

    boolean hybrid() {
      return model.gasType().equals("hybrid");
    }

    /** The market price falls with age and mileage; whole reais, so it drifts between 1 and 1.0. */
    double priceAt(double mileage) {
      double value = model.newPrice() * Math.pow(0.9, 2025 - year) - mileage * 0.05;
      return Math.max(5_000, Math.round(value / 100.0) * 100.0);
    }
  }
}
