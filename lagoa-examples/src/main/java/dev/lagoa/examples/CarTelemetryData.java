package dev.lagoa.examples;

import dev.lagoa.core.LagoaException;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Car readings, one JSON document per file, plus the bad files a real landing zone sees. */
final class CarTelemetryData implements ExampleData {
  static final int CARS = 25;
  static final int DAYS = 7;
  static final int READINGS = 2_000;

  @Override
  public void land(Path example, int round) {
    Path landing = example.resolve("landing/cars");
    try {
      Files.createDirectories(landing);
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot create %s: %s", landing, e.getMessage());
    }
    CarTelemetryGenerator generator = new CarTelemetryGenerator(42, CARS, DAYS);
    generator.writeOnePerFile(landing, READINGS);
    Path bad = landing.resolve("bad");
    try {
      Files.createDirectories(bad);
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot create %s: %s", bad, e.getMessage());
    }
    generator.writeBadFiles(bad);
  }
}
