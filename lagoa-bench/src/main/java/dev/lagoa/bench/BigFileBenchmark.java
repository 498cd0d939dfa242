package dev.lagoa.bench;

import dev.lagoa.core.files.Directories;
import dev.lagoa.testing.data.CarReading;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One big landing file against the same data in 100 files: {@code ./lagoa-bench/run bigfile [MB]}
 * generates a CSV file and a JSON-array file of car readings (flat in CSV, nested as the cars send
 * them in JSON) of about MB megabytes each (default 2048), and the same records split in 100 files,
 * once into {@code bench-data/bigfile-<MB>/}. Each layout is loaded into a fresh project by a real
 * {@code ./lagoa run} process started with the launcher's default heap ({@code LAGOA_JAVA_OPTS}
 * unset), and the benchmark prints rows, wall time, throughput and the process's peak RSS (VmHWM)
 * for each, and the ratio of one file to 100 files.
 */
final class BigFileBenchmark {
  private static final int SPLIT_FILES = 100;
  private static final Pattern ROWS = Pattern.compile("([\\d,]+) rows loaded");

  private BigFileBenchmark() {}

  private record Result(long rows, double seconds, long peakRssKb) {}

  static void run(Path data, Path home, String[] args) throws Exception {
    long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 2048;
    Path dir = data.resolve("bigfile-" + megabytes);
    for (String format : List.of("csv", "json")) {
      Path landing = dir.resolve(format);
      if (!Files.exists(landing.resolve("done"))) {
        System.out.printf(
            "generating %s: %,d MB as one file and as %d files%n", format, megabytes, 100);
        Directories.deleteQuietly(landing);
        generate(landing, format, megabytes << 20);
        Files.writeString(landing.resolve("done"), "");
      }
    }
    Path lagoa = home.resolve("lagoa");
    // The launcher builds Lagoa on first use: not part of any measurement.
    measure(lagoa, Files.createDirectories(dir.resolve("warmup")), List.of("--help"));
    System.out.printf(
        "bigfile: %,d MB per layout, %d cores, heap: the launcher's default (LAGOA_JAVA_OPTS"
            + " unset)%n",
        megabytes, Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "%-5s %-9s %12s %9s %9s %10s%n", "fmt", "layout", "rows", "wall s", "MB/s", "peak RSS");
    for (String format : List.of("csv", "json")) {
      Result one = load(lagoa, dir, format, "one", megabytes);
      Result split = load(lagoa, dir, format, "split", megabytes);
      System.out.printf(
          "%-5s one/100 files: time ratio %.2f, peak RSS ratio %.2f%s%n",
          format,
          one.seconds() / split.seconds(),
          (double) one.peakRssKb() / split.peakRssKb(),
          one.rows() == split.rows() ? "" : " (ROW COUNTS DIFFER)");
    }
  }

  private static Result load(Path lagoa, Path dir, String format, String layout, long megabytes)
      throws Exception {
    Path project = dir.resolve("projects").resolve(format + "-" + layout);
    Directories.deleteQuietly(project);
    Files.createDirectories(project);
    Files.writeString(
        project.resolve("lagoa.yaml"),
        "name: bigfile\n"
            + "sources:\n"
            + "  cars:\n"
            + "    type: files\n"
            + "    path: "
            + dir.resolve(format).resolve(layout).toAbsolutePath()
            + "\n"
            + "    format: "
            + format
            + "\n"
            + "    pattern: \"**\"\n"
            + "    table: bronze.cars\n");
    Result result = measure(lagoa, project, List.of("run"));
    System.out.printf(
        "%-5s %-9s %,12d %9.1f %9.1f %7.0f MB%n",
        format,
        layout.equals("one") ? "1 file" : SPLIT_FILES + " files",
        result.rows(),
        result.seconds(),
        megabytes / result.seconds(),
        result.peakRssKb() / 1024.0);
    Directories.deleteQuietly(project.resolve("warehouse"));
    return result;
  }

  /** Runs the launcher in {@code project}; the launcher execs java, so its pid is the JVM's. */
  private static Result measure(Path lagoa, Path project, List<String> arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(lagoa.toString()));
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectOutput(project.resolve("out.txt").toFile())
            .redirectError(project.resolve("err.txt").toFile());
    builder.environment().remove("LAGOA_JAVA_OPTS");
    long start = System.nanoTime();
    Process process = builder.start();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    while (!process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, vmHwmKb(status));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String out = Files.readString(project.resolve("out.txt"));
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "lagoa "
              + arguments
              + " failed in "
              + project
              + ":\n"
              + out
              + Files.readString(project.resolve("err.txt")));
    }
    long rows = 0;
    Matcher matcher = ROWS.matcher(out);
    while (matcher.find()) {
      rows += Long.parseLong(matcher.group(1).replace(",", ""));
    }
    return new Result(rows, seconds, peak);
  }

  private static long vmHwmKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process just ended
    }
    return 0;
  }

  /** Writes about {@code bytes} of readings as one file and, the same records, as 100 files. */
  private static void generate(Path landing, String format, long bytes) throws IOException {
    Path one = Files.createDirectories(landing.resolve("one"));
    Path split = Files.createDirectories(landing.resolve("split"));
    CarTelemetryGenerator generator = new CarTelemetryGenerator(20261129L, 2_000, 30);
    Iterator<CarReading> readings = generator.readings(bytes / 100).iterator();
    boolean csv = format.equals("csv");
    long perFile = bytes / SPLIT_FILES;
    try (Counting whole = new Counting(one.resolve("readings." + format))) {
      whole.write(csv ? CSV_HEADER : "[\n");
      int part = 0;
      Counting current = null;
      long written = 0;
      while (whole.count < bytes && readings.hasNext()) {
        if (current == null || (current.count >= perFile && part < SPLIT_FILES)) {
          if (current != null) {
            current.write(csv ? "" : "\n]\n");
            current.close();
          }
          part++;
          current = new Counting(split.resolve(String.format("readings-%03d.%s", part, format)));
          current.write(csv ? CSV_HEADER : "[\n");
        } else if (!csv) {
          current.write(",\n");
        }
        String record = csv ? csv(readings.next()) : json(readings.next());
        whole.write(written == 0 || csv ? record : ",\n" + record);
        current.write(record);
        written++;
      }
      whole.write(csv ? "" : "\n]\n");
      if (current != null) {
        current.write(csv ? "" : "\n]\n");
        current.close();
      }
    }
  }

  /**
   * A file writer that counts the characters it wrote (about its bytes: the data is mostly ASCII).
   */
  private static final class Counting implements AutoCloseable {
    private final Writer out;
    long count;

    Counting(Path path) throws IOException {
      out = new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 20);
    }

    void write(String text) throws IOException {
      out.write(text);
      count += text.length();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private static final String CSV_HEADER =
      "carChassis,Model,year,ModelYear,Manufacturer,horsePower,gasType,currentMileage,color,"
          + "fuelCapacityLiters,engineTempCelsius,oilTempCelsius,batteryChargePerc,"
          + "fuelAvailableLiters,coolantCelsius,metricTimestamp,tripMileage,tripTimeMinutes,"
          + "tripFuelLiters,tripMaxSpeedKm,tripAverageSpeedKm,tripStartTimestamp,insuranceNumber,"
          + "insuranceProvider,insuranceValidUntil,currentPrice,currency,location,dealer,"
          + "warrantyYears,evaluator\n";

  private static String csv(CarReading r) {
    CarReading.Metrics m = r.metrics();
    CarReading.Trip t = m.trip();
    return String.join(
            ",",
            text(r.carChassis()),
            text(r.model()),
            Integer.toString(r.year()),
            Integer.toString(r.modelYear()),
            text(r.manufacturer()),
            Integer.toString(r.horsePower()),
            text(r.gasType()),
            number(r.currentMileage()),
            text(r.color()),
            number(r.fuelCapacityLiters()),
            number(m.engineTempCelsius()),
            number(m.oilTempCelsius()),
            number(m.batteryChargePerc()),
            number(m.fuelAvailableLiters()),
            number(m.coolantCelsius()),
            m.metricTimestamp().toString(),
            number(t.tripMileage()),
            number(t.tripTimeMinutes()),
            number(t.tripFuelLiters()),
            number(t.tripMaxSpeedKm()),
            number(t.tripAverageSpeedKm()),
            t.tripStartTimestamp().toString(),
            text(r.carInsurance().number()),
            text(r.carInsurance().provider()),
            r.carInsurance().validUntil().toString(),
            number(r.market().currentPrice()),
            text(r.market().currency()),
            text(r.market().location()),
            text(r.market().dealer()),
            Integer.toString(r.market().warrantyYears()),
            text(r.market().evaluator()))
        + "\n";
  }

  private static String text(String value) {
    return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }

  private static String json(CarReading r) {
    CarReading.Metrics m = r.metrics();
    CarReading.Trip t = m.trip();
    return "{\"carChassis\":"
        + quote(r.carChassis())
        + ",\"Model\":"
        + quote(r.model())
        + ",\"year\":"
        + r.year()
        + ",\"ModelYear\":"
        + r.modelYear()
        + ",\"Manufacturer\":"
        + quote(r.manufacturer())
        + ",\"horsePower\":"
        + r.horsePower()
        + ",\"gasType\":"
        + quote(r.gasType())
        + ",\"currentMileage\":"
        + number(r.currentMileage())
        + ",\"color\":"
        + quote(r.color())
        + ",\"fuelCapacityLiters\":"
        + number(r.fuelCapacityLiters())
        + ",\"metrics\":{\"engineTempCelsius\":"
        + number(m.engineTempCelsius())
        + ",\"oilTempCelsius\":"
        + number(m.oilTempCelsius())
        + ",\"batteryChargePerc\":"
        + number(m.batteryChargePerc())
        + ",\"fuelAvailableLiters\":"
        + number(m.fuelAvailableLiters())
        + ",\"coolantCelsius\":"
        + number(m.coolantCelsius())
        + ",\"metricTimestamp\":"
        + quote(m.metricTimestamp().toString())
        + ",\"trip\":{\"tripMileage\":"
        + number(t.tripMileage())
        + ",\"tripTimeMinutes\":"
        + number(t.tripTimeMinutes())
        + ",\"tripFuelLiters\":"
        + number(t.tripFuelLiters())
        + ",\"tripMaxSpeedKm\":"
        + number(t.tripMaxSpeedKm())
        + ",\"tripAverageSpeedKm\":"
        + number(t.tripAverageSpeedKm())
        + ",\"tripStartTimestamp\":"
        + quote(t.tripStartTimestamp().toString())
        + "}},\"carInsurance\":{\"number\":"
        + quote(r.carInsurance().number())
        + ",\"provider\":"
        + quote(r.carInsurance().provider())
        + ",\"validUntil\":"
        + quote(r.carInsurance().validUntil().toString())
        + "},\"market\":{\"currentPrice\":"
        + number(r.market().currentPrice())
        + ",\"currency\":"
        + quote(r.market().currency())
        + ",\"location\":"
        + quote(r.market().location())
        + ",\"dealer\":"
        + quote(r.market().dealer())
        + ",\"warrantyYears\":"
        + r.market().warrantyYears()
        + ",\"evaluator\":"
        + quote(r.market().evaluator())
        + "}}";
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
