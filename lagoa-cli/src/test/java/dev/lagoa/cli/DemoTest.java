package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: every shipped example, offline, from scratch, twice; then table
 * maintenance on what the demo built.
 */
class DemoTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir static Path workspace;
  static String secondRun;

  private record Result(int exit, String out, String err) {}

  private static Result lagoa(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  private static String demo() {
    Result result =
        lagoa("demo", "--examples", EXAMPLES.toString(), "--workspace", workspace.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    return result.out();
  }

  @BeforeAll
  static void runTheDemoTwice() {
    demo();
    secondRun = demo();
  }

  @Test
  void theDemoRunsEveryExampleAndCanRunAgain() {
    assertThat(secondRun)
        .contains("== car-telemetry", "== imdb", "== movielens", "== books", "== bovespa")
        .containsPattern("bronze\\.car_readings_quarantine\\s+4 rows")
        .containsPattern("silver\\.car_readings\\s+\\d+ rows")
        .containsPattern("gold\\.temperature_alerts\\s+\\d+ rows")
        .containsPattern("bronze\\.ratings\\s+100836 rows")
        .containsPattern("analytics\\.analytics_movie_insights\\s+9742 rows")
        .containsPattern("gold\\.books\\s+1000 rows")
        .containsPattern("refined\\.carteira_ibov\\s+\\d+ rows")
        .contains("new columns: votes")
        .doesNotContain("FAILED");
  }

  @Test
  void afterCompactionAndExpiryOfTheDemoTablesARunLoadsAndBuildsNothingAndRowsStayTheSame()
      throws Exception {
    Path cars = workspace.resolve("car-telemetry");
    Path imdb = workspace.resolve("imdb");
    // Two more batches of readings, so the car tables have small files to compact.
    CarTelemetryGenerator generator = new CarTelemetryGenerator(17, 4, 2);
    for (int batch = 0; batch < 2; batch++) {
      Path landing = Files.createDirectories(cars.resolve("landing/cars/extra-" + batch));
      generator.writeOnePerFile(landing, 6);
      assertThat(lagoa("run", "-p", cars.toString()).exit()).isZero();
    }
    Map<String, String> carRows = tables(cars);
    Map<String, String> imdbRows = tables(imdb);

    Result carsMaintained =
        lagoa("maintain", "-p", cars.toString(), "--compact", "--expire-older-than", "0s");
    Result imdbMaintained =
        lagoa("maintain", "-p", imdb.toString(), "--compact", "--expire-older-than", "0s");
    Result carsRun = lagoa("run", "-p", cars.toString());
    Result imdbRun = lagoa("run", "-p", imdb.toString(), "imdb_titles");

    assertThat(carsMaintained.exit()).as(carsMaintained.err()).isZero();
    assertThat(imdbMaintained.exit()).as(imdbMaintained.err()).isZero();
    assertThat(carsRun.exit()).as(carsRun.err()).isZero();
    assertThat(carsRun.out())
        .contains("car_readings -> bronze.car_readings: 0 new file(s), 0 rows loaded")
        .contains("0 built, 5 up to date");
    assertThat(imdbRun.out()).contains("-> bronze.imdb_titles: 0 new file(s), 0 rows loaded");
    assertThat(rows(tables(cars))).isEqualTo(rows(carRows));
    assertThat(rows(tables(imdb))).isEqualTo(rows(imdbRows));
    assertThat(files(tables(cars), "bronze.car_readings"))
        .isLessThan(files(carRows, "bronze.car_readings"));
    assertThat(files(tables(imdb), "bronze.imdb_titles"))
        .isLessThan(files(imdbRows, "bronze.imdb_titles"));
    assertThat(carsMaintained.out()).containsPattern("bronze\\.car_readings .* snapshots expired");
  }

  private static final Pattern TABLE_LINE =
      Pattern.compile("(\\S+)\\s+([\\d,]+) rows\\s+(\\d+) files");

  /** {@code lagoa tables}: table → "rows files". */
  private static Map<String, String> tables(Path project) {
    Result result = lagoa("tables", "-p", project.toString());
    assertThat(result.exit()).as(result.err()).isZero();
    Map<String, String> tables = new LinkedHashMap<>();
    for (String line : result.out().lines().toList()) {
      Matcher matcher = TABLE_LINE.matcher(line);
      if (matcher.find()) {
        tables.put(matcher.group(1), matcher.group(2) + " " + matcher.group(3));
      }
    }
    assertThat(tables).isNotEmpty();
    return tables;
  }

  private static Map<String, String> rows(Map<String, String> tables) {
    Map<String, String> rows = new LinkedHashMap<>();
    tables.forEach((table, value) -> rows.put(table, value.split(" ")[0]));
    return rows;
  }

  private static int files(Map<String, String> tables, String table) {
    return Integer.parseInt(tables.get(table).split(" ")[1]);
  }
}
