package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.testing.data.CarFleet.FleetCar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPOutputStream;

/**
 * Seeded car telemetry for the car-telemetry pipeline (DESIGN.md §1.3): a fixed fleet of cars whose
 * chassis ids depend only on the seed, reporting over a span of days. Readings are in time order,
 * every car reports equally often (so a car has several readings a day when {@code count >= 2 *
 * cars * days}), and each car's {@code currentMileage} rises strictly from one reading to the next.
 * Each document writes whole numbers either as {@code 32} or as {@code 32.0}, chosen per reading,
 * so numeric fields drift between JSON integer and float as in the original source.
 *
 * <p>All writers create new files and fail if one exists.
 */
public final class CarTelemetryGenerator {
  /** The first day when none is given: a Monday, so five default days are one working week. */
  public static final LocalDate DEFAULT_FIRST_DAY = LocalDate.of(2025, 10, 27);

  private static final long READINGS_SALT = 0x6C61676F61L;
  private static final DateTimeFormatter FILE_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  private static final JsonFactory JSON = new JsonFactory();

  private final long seed;
  private final List<FleetCar> fleet;
  private final LocalDate firstDay;
  private final int days;

  /**
   * A fleet of {@code cars} cars reporting on {@code days} days from {@code firstDay} (local time,
   * midnight to midnight).
   */
  public CarTelemetryGenerator(long seed, int cars, LocalDate firstDay, int days) {
    if (cars < 1) {
      throw new IllegalArgumentException("cars was " + cars + " but it must be at least 1");
    }
    if (days < 1) {
      throw new IllegalArgumentException("days was " + days + " but it must be at least 1");
    }
    this.seed = seed;
    this.fleet = CarFleet.generate(seed, cars);
    this.firstDay = requireNonNull(firstDay, "firstDay is null");
    this.days = days;
  }

  /** A fleet reporting from {@link #DEFAULT_FIRST_DAY}. */
  public CarTelemetryGenerator(long seed, int cars, int days) {
    this(seed, cars, DEFAULT_FIRST_DAY, days);
  }

  /**
   * The chassis ids of the fleet, 17-character VINs; the first k are the same for any fleet size.
   */
  public List<String> chassisIds() {
    return fleet.stream().map(FleetCar::chassis).toList();
  }

  /**
   * The first {@code count} readings of the fleet, spread evenly over the days, in time order. The
   * same generator returns the same readings on every call. Readings of one car are about {@code
   * days * 86400 * cars / count} seconds apart.
   */
  public Stream<CarReading> readings(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count was " + count + " but it must not be negative");
    }
    Iterator<CarReading> sequence =
        new CarReadingSequence(
            fleet,
            new SplittableRandom(seed ^ READINGS_SALT),
            firstDay.atStartOfDay(),
            days * 86_400L,
            count);
    int characteristics =
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED | Spliterator.IMMUTABLE;
    return StreamSupport.stream(Spliterators.spliterator(sequence, count, characteristics), false);
  }

  /**
   * A reading of a fleet car with the given mileage and time, its other values drawn from the seed,
   * the car and the time: for tests that need, say, the same car at 4321 km and later at 8500 km on
   * one day.
   */
  public CarReading reading(
      String carChassis, double currentMileage, LocalDateTime metricTimestamp) {
    requireNonNull(carChassis, "carChassis is null");
    requireNonNull(metricTimestamp, "metricTimestamp is null");
    FleetCar car =
        fleet.stream()
            .filter(candidate -> candidate.chassis().equals(carChassis))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Cannot make a reading for car "
                            + carChassis
                            + ": it is not one of the "
                            + fleet.size()
                            + " cars of seed "
                            + seed
                            + " "
                            + chassisIds()));
    SplittableRandom random =
        new SplittableRandom(
            seed
                ^ carChassis.hashCode() * 0x9E3779B97F4A7C15L
                ^ metricTimestamp.toEpochSecond(ZoneOffset.UTC) * 31
                ^ Double.doubleToLongBits(currentMileage));
    double capacity = car.model().fuelCapacityLiters();
    double fuel = CarReadingDraws.round(capacity * (0.15 + 0.85 * random.nextDouble()), 1);
    CarReading.Trip trip = CarReadingDraws.trip(car, metricTimestamp, random);
    return CarReadingDraws.reading(car, currentMileage, fuel, trip, metricTimestamp, random);
  }

  /**
   * Writes the first {@code count} readings as the original pipeline lands them: one pretty-printed
   * JSON document per file, named {@code <carChassis>_<yyyyMMdd'T'HHmmss>.json} after the reading's
   * metric time. Returns the files in reading order.
   */
  public List<Path> writeOnePerFile(Path dir, long count) {
    List<Path> files = new ArrayList<>();
    CarReadingJson writer = new CarReadingJson();
    readings(count).forEach(reading -> files.add(writeDocument(dir, reading, writer)));
    return files;
  }

  /** Writes the given readings, one document per file, as {@link #writeOnePerFile(Path, long)}. */
  public List<Path> writeOnePerFile(Path dir, List<CarReading> readings) {
    CarReadingJson writer = new CarReadingJson();
    return readings.stream().map(reading -> writeDocument(dir, reading, writer)).toList();
  }

  /**
   * Writes the first {@code files * readingsPerFile} readings as gzip NDJSON for benchmarks: files
   * {@code car_telemetry_00000.jsonl.gz}, ... each holding {@code readingsPerFile} compact
   * documents, one per line, every line ending in {@code \n}. A million readings take a few
   * seconds.
   */
  public List<Path> writeNdjsonGz(Path dir, int files, long readingsPerFile) {
    if (files < 0 || readingsPerFile < 0) {
      throw new IllegalArgumentException(
          "files was "
              + files
              + " and readingsPerFile "
              + readingsPerFile
              + " but neither may be negative");
    }
    Iterator<CarReading> readings = readings(files * readingsPerFile).iterator();
    CarReadingJson writer = new CarReadingJson();
    List<Path> written = new ArrayList<>(files);
    for (int i = 0; i < files; i++) {
      Path file = dir.resolve(String.format("car_telemetry_%05d.jsonl.gz", i));
      try (OutputStream out = OutputFiles.createGzip(file)) {
        writeLines(out, readings, readingsPerFile, writer);
      } catch (IOException e) {
        throw OutputFiles.cannotWrite(file, e);
      }
      written.add(file);
    }
    return written;
  }

  /**
   * Writes the bad inputs described by {@link BadCarFiles}, named {@code bad_*}, into {@code dir}.
   */
  public BadCarFiles writeBadFiles(Path dir) {
    List<CarReading> sample = readings(20).toList();
    CarReadingJson writer = new CarReadingJson();
    try {
      String document = new String(prettyDocument(sample.get(0), writer), StandardCharsets.UTF_8);
      Path malformedDocument = dir.resolve("bad_malformed_document.json");
      write(malformedDocument, document.substring(0, document.length() / 2));

      String line2 = new String(ndjson(sample.subList(1, 2), writer), StandardCharsets.UTF_8);
      byte[] lines =
          concat(
              ndjson(sample.subList(0, 1), writer),
              (line2.substring(0, line2.length() / 2) + "\n").getBytes(StandardCharsets.UTF_8),
              ndjson(sample.subList(2, 3), writer));
      Path malformedLine = dir.resolve("bad_malformed_line.jsonl.gz");
      write(malformedLine, gzip(lines));

      ObjectMapper mapper = new ObjectMapper();
      ObjectNode wrong = (ObjectNode) mapper.readTree(prettyDocument(sample.get(3), writer));
      ((ObjectNode) wrong.get("metrics")).put("engineTempCelsius", "hot");
      Path wrongType = dir.resolve("bad_wrong_type.json");
      write(wrongType, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(wrong));

      Path empty = dir.resolve("bad_empty.json");
      write(empty, new byte[0]);

      byte[] whole = gzip(ndjson(sample, writer));
      Path truncatedGzip = dir.resolve("bad_truncated.jsonl.gz");
      write(truncatedGzip, Arrays.copyOf(whole, whole.length / 2));
      return new BadCarFiles(malformedDocument, malformedLine, wrongType, empty, truncatedGzip);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write bad car files to " + dir + ": " + e, e);
    }
  }

  private Path writeDocument(Path dir, CarReading reading, CarReadingJson writer) {
    String name =
        reading.carChassis()
            + "_"
            + FILE_TIMESTAMP.format(reading.metrics().metricTimestamp())
            + ".json";
    Path file = dir.resolve(name);
    try (OutputStream out = OutputFiles.create(file);
        JsonGenerator json = JSON.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      writer.write(json, reading, wholeNumbersAsIntegers(reading));
      json.writeRaw('\n');
    } catch (IOException e) {
      throw OutputFiles.cannotWrite(file, e);
    }
    return file;
  }

  private void writeLines(
      OutputStream out, Iterator<CarReading> readings, long lines, CarReadingJson writer)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(null);
      for (long i = 0; i < lines; i++) {
        CarReading reading = readings.next();
        writer.write(json, reading, wholeNumbersAsIntegers(reading));
        json.writeRaw('\n');
      }
    }
  }

  /** Half the documents spell whole numbers as JSON integers; which half depends on the seed. */
  private boolean wholeNumbersAsIntegers(CarReading reading) {
    long key =
        seed
            ^ reading.carChassis().hashCode() * 0x9E3779B97F4A7C15L
            ^ reading.metrics().metricTimestamp().toEpochSecond(ZoneOffset.UTC)
            ^ Double.doubleToLongBits(reading.currentMileage());
    return new SplittableRandom(key).nextBoolean();
  }

  private byte[] prettyDocument(CarReading reading, CarReadingJson writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(bytes)) {
      json.useDefaultPrettyPrinter();
      writer.write(json, reading, wholeNumbersAsIntegers(reading));
      json.writeRaw('\n');
    }
    return bytes.toByteArray();
  }

  private byte[] ndjson(List<CarReading> readings, CarReadingJson writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writeLines(bytes, readings.iterator(), readings.size(), writer);
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  private static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Path file, byte[] content) throws IOException {
    try (OutputStream out = OutputFiles.create(file)) {
      out.write(content);
    }
  }
}
