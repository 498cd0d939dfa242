package dev.lagoa.bench;

import dev.lagoa.cli.Main;
import dev.lagoa.core.files.Directories;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.QueryResult;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Crash trials: the car-telemetry pipeline (files arriving in several batches of commits, an
 * incremental silver model, gold tables, maintenance between runs) run by real {@code lagoa}
 * processes, one of which is killed with SIGKILL at a random moment; the killed step is run again
 * and the pipeline finished, then every table is compared with an uninterrupted run: bronze (file,
 * line) pairs exactly once, silver and gold row for row.
 *
 * <p>Each trial's kill point comes from a seeded random generator (seed printed), so a failure can
 * be replayed with {@code crash 1 <seed>}.
 */
public final class CrashTrials {
  /** The pipeline's steps, in order; landing happens before each run. */
  private static final List<String> STEPS = List.of("run:0", "maintain", "run:1");

  private static final List<String> TABLES =
      List.of(
          "silver.car_readings",
          "gold.car_latest_state",
          "gold.fuel_efficiency_by_car",
          "gold.fuel_efficiency_by_model",
          "gold.temperature_alerts");

  private final Path home;
  private final Path work;
  private final Map<String, Long> stepMillis = new LinkedHashMap<>();

  /** "step phase" → how many times the phase started in that step of the reference run. */
  private final Map<String, Integer> phasesSeen = new TreeMap<>();

  /**
   * Where to kill a step: after the {@code occurrence}-th start of {@code phase} plus {@code
   * delayMillis}, or, without a phase, {@code delayMillis} after the step started.
   */
  private record Kill(String phase, int occurrence, long delayMillis) {
    @Override
    public String toString() {
      return phase == null
          ? "after " + delayMillis + " ms"
          : delayMillis + " ms into start " + occurrence + " of " + phase;
    }
  }

  private CrashTrials(Path home, Path work) {
    this.home = home;
    this.work = work;
  }

  /** What the trials found. */
  public record Outcome(int trials, Map<String, Integer> killPoints, List<String> failures) {}

  static void run(Path home, String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime() % 100_000;
    Outcome outcome = run(home, trials, seed, System.out);
    if (!outcome.failures().isEmpty()) {
      System.exit(1);
    }
  }

  /** Runs {@code trials} trials with seeds {@code seed}, {@code seed + 1}, ... */
  public static Outcome run(Path home, int trials, long seed, java.io.PrintStream out)
      throws Exception {
    Path work = Files.createTempDirectory("lagoa-crash-");
    try {
      CrashTrials harness = new CrashTrials(home, work);
      Path reference = harness.project("reference");
      for (String step : STEPS) {
        long start = System.nanoTime();
        harness.step(reference, step, null);
        harness.stepMillis.put(step, (System.nanoTime() - start) / 1_000_000);
      }
      Map<String, String> expected = harness.snapshotOf(reference);
      out.printf(
          "reference run: %s; bronze %s; phases seen %s%n",
          harness.stepMillis, expected.get("bronze.count"), harness.phasesSeen);
      List<String> targets = new ArrayList<>(harness.phasesSeen.keySet());
      Map<String, Integer> killPoints = new TreeMap<>();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < trials; i++) {
        long trialSeed = seed + i;
        Random random = new Random(trialSeed);
        // Every other trial aims at a phase (its k-th start in the step, then a random delay), so
        // that short phases are hit too; the others kill after a random share of the step's time.
        String killed;
        Kill kill;
        if (random.nextBoolean()) {
          String target = targets.get(random.nextInt(targets.size()));
          killed = target.substring(0, target.indexOf(' '));
          String phase = target.substring(target.indexOf(' ') + 1);
          kill =
              new Kill(
                  phase, 1 + random.nextInt(harness.phasesSeen.get(target)), random.nextInt(40));
        } else {
          killed = STEPS.get(random.nextInt(STEPS.size()));
          kill =
              new Kill(
                  null, 0, (long) (random.nextDouble() * harness.stepMillis.get(killed) * 1.1));
        }
        Path project = harness.project("trial-" + i);
        String phase = "";
        for (String step : STEPS) {
          if (step.equals(killed)) {
            phase = harness.step(project, step, kill);
          }
          harness.step(project, step, null);
        }
        killPoints.merge(phase, 1, Integer::sum);
        Map<String, String> actual = harness.snapshotOf(project);
        List<String> differences = new ArrayList<>();
        expected.forEach(
            (key, value) -> {
              if (!value.equals(actual.get(key))) {
                differences.add(key);
              }
            });
        String verdict = differences.isEmpty() ? "ok" : "MISMATCH in " + differences;
        out.printf(
            "trial %d seed %d: killed %s %s in phase %s: %s%n",
            i, trialSeed, killed, kill, phase, verdict);
        if (!differences.isEmpty()) {
          failures.add("seed " + trialSeed + ": " + verdict);
        } else {
          Directories.deleteQuietly(project);
        }
      }
      out.printf(
          "%d trials, kill points by phase %s, %d failures%s%n",
          trials, killPoints, failures.size(), failures.isEmpty() ? "" : " " + failures);
      return new Outcome(trials, killPoints, failures);
    } finally {
      if (System.getenv("LAGOA_KEEP_CRASH_TRIALS") == null) {
        Directories.deleteQuietly(work);
      }
    }
  }

  /** A fresh copy of the car-telemetry example whose loads commit every 10 files. */
  private Path project(String name) throws IOException {
    Path source = home.resolve("examples/car-telemetry");
    Path target = work.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else if (!file.toString().contains("/warehouse/")
            && !file.toString().contains("/landing/")) {
          Files.copy(file, copy);
        }
      }
    }
    Path config = target.resolve("lagoa.yaml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "    table: bronze.car_readings\n",
                "    table: bronze.car_readings\n    batch_files: 10\n")
            .replaceAll("\\$\\{LAGOA_WAREHOUSE:-[^}]*}", "warehouse")
            .replaceAll("\\$\\{LAGOA_CATALOG_URI:-([^}]*)}", "$1"));
    return target;
  }

  /**
   * Runs one step to completion ({@code kill} null), or kills it with SIGKILL at {@code kill} and
   * returns the phase it was in ({@code finished} if it ended first).
   */
  private String step(Path project, String step, Kill kill) throws Exception {
    List<String> args = new ArrayList<>();
    if (step.startsWith("run:")) {
      int round = Integer.parseInt(step.substring(4));
      Path landing = project.resolve("landing/cars/round-" + round);
      if (!Files.isDirectory(landing)) {
        Files.createDirectories(landing);
        new CarTelemetryGenerator(1000 + round, 6, 3).writeOnePerFile(landing, 45);
      }
      args.add("run");
    } else {
      args.addAll(List.of("maintain", "--compact", "--expire-older-than", "0s"));
    }
    args.addAll(List.of("--project", project.toString()));
    Path log = project.resolve("step-" + System.nanoTime() + ".log");
    Process process = start(args, log);
    if (kill != null) {
      if (!waitForKillPoint(process, log, kill)) {
        return "finished";
      }
      process.destroyForcibly(); // SIGKILL on Linux
      process.waitFor();
      return lastPhase(log);
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "Step " + step + " failed in " + project + ":\n" + Files.readString(log));
    }
    if (stepMillis.size() < STEPS.size()) { // the reference run: note which phases each step has
      for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
        int at = line.indexOf("phase=");
        if (at >= 0) {
          phasesSeen.merge(step + " " + line.substring(at + 6).split(" ")[0], 1, Integer::sum);
        }
      }
    }
    return "";
  }

  /** Waits until the kill point; false when the process ended before it. */
  private static boolean waitForKillPoint(Process process, Path log, Kill kill) throws Exception {
    if (kill.phase() != null) {
      String marker = "phase=" + kill.phase() + " ";
      while (occurrences(log, marker) < kill.occurrence()) {
        if (process.waitFor(2, TimeUnit.MILLISECONDS)) {
          return false;
        }
      }
    }
    return !process.waitFor(kill.delayMillis(), TimeUnit.MILLISECONDS);
  }

  private static int occurrences(Path log, String marker) throws IOException {
    String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
    int count = 0;
    for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      count++;
    }
    return count;
  }

  private static Process start(List<String> args, Path log) throws IOException {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx512m",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "-Dorg.slf4j.simpleLogger.log.dev.lagoa.phase=debug",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String lastPhase(Path log) throws IOException {
    String phase = "startup";
    for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      int at = line.indexOf("phase=");
      if (at >= 0) {
        phase = line.substring(at + 6).split(" ")[0];
      }
    }
    return phase;
  }

  /**
   * What the comparison looks at: bronze pairs and every model table's rows, as text, with the
   * project's own folder (in {@code _source_file}) written as {@code <project>}.
   */
  private Map<String, String> snapshotOf(Path project) {
    Map<String, String> snapshot = new LinkedHashMap<>();
    String folder = project.toString();
    try (Lakehouse lake = Lakehouse.open(project)) {
      snapshot.put(
          "bronze.count",
          text(
              lake.sql(
                  "SELECT count(*) AS n, count(DISTINCT (_source_file, _line)) AS pairs FROM"
                      + " bronze.car_readings",
                  null,
                  10)));
      snapshot.put(
          "bronze.pairs",
          Integer.toString(
              text(lake.sql(
                      "SELECT _source_file, _line FROM bronze.car_readings ORDER BY ALL",
                      null,
                      Integer.MAX_VALUE))
                  .replace(folder, "<project>")
                  .hashCode()));
      for (String table : TABLES) {
        snapshot.put(
            table,
            Integer.toString(
                text(lake.sql(
                        "SELECT COLUMNS(lambda c: c NOT LIKE '%ingested%') FROM "
                            + table
                            + " ORDER BY ALL",
                        null,
                        Integer.MAX_VALUE))
                    .replace(folder, "<project>")
                    .hashCode()));
      }
    }
    return snapshot;
  }

  private static String text(QueryResult result) {
    StringBuilder text = new StringBuilder(String.join(",", result.columns())).append('\n');
    for (List<String> row : result.rows()) {
      text.append(String.join(",", row.stream().map(String::valueOf).toList())).append('\n');
    }
    return text.toString();
  }
}
