package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: every shipped example, offline, from scratch, twice; then a copy of
 * each example with one typo per model, which one lagoa compile reports typo by typo; then table
 * maintenance on what the demo built (before the typos break the models: tests run in order).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir static Path workspace;
  private static String output;

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
    output = demo();
  }

  @Test
  @Order(1)
  void theDemoRunsEveryExampleAndCanRunAgain() {
    assertThat(output)
        .contains("== car-telemetry", "== imdb", "== movielens", "== books", "== bovespa")
        .containsPattern("bronze\\.car_readings_quarantine\\s+4 rows")
        .containsPattern("silver\\.car_readings\\s+\\d+ rows")
        .containsPattern("gold\\.temperature_alerts\\s+\\d+ rows")
        // MovieLens small: 100,836 ratings, 9,742 movies and links, 3,683 tags, all snapshotted;
        // then changes.sql withdraws one movie and adds 25 ratings of a new user 611.
        .contains("cdc movielens: snapshot of 124003 rows")
        .containsPattern("movielens_raw\\.movies\\s+9741 rows")
        .containsPattern("analytics\\.analytics_movie_insights\\s+9741 rows")
        .contains("611 | 25 | 4.5")
        .containsPattern("gold\\.books\\s+1000 rows")
        .containsPattern("refined\\.carteira_ibov\\s+\\d+ rows")
        .contains("new columns: votes")
        .doesNotContain("FAILED");
  }

  @Test
  @Order(2)
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

  /** One typo per model of every example: file → (text as shipped, text with the typo). */
  private static final Map<String, List<String>> TYPOS =
      Map.ofEntries(
          Map.entry(
              "car-telemetry/models/silver/car_readings.sql",
              List.of("  horsePower,", "  horsePowr,")),
          Map.entry(
              "car-telemetry/models/gold/car_latest_state.sql", List.of("  color,", "  colour,")),
          Map.entry(
              "car-telemetry/models/gold/fuel_efficiency_by_car.sql",
              List.of("  gasType,\n  count", "  gas_type,\n  count")),
          Map.entry(
              "car-telemetry/models/gold/fuel_efficiency_by_model.sql",
              List.of("  Model,\n", "  Modell,\n")),
          Map.entry(
              "car-telemetry/models/gold/temperature_alerts.sql",
              List.of("  Manufacturer,", "  Manufactuer,")),
          Map.entry(
              "movielens/models/staging/stg_ratings.sql",
              List.of("CAST(rating AS", "CAST(ratings AS")),
          Map.entry(
              "movielens/models/staging/stg_tags.sql", List.of("CAST(tag AS", "CAST(tags AS")),
          Map.entry(
              "movielens/models/staging/stg_movies.sql", List.of("CAST(title AS", "CAST(titel AS")),
          Map.entry(
              "movielens/models/staging/stg_links.sql",
              List.of("CAST(tmdbId AS", "CAST(tmbdId AS")),
          Map.entry(
              "movielens/models/intermediate/int_movie_ratings.sql",
              List.of("avg(rating)", "avg(ratng)")),
          Map.entry(
              "movielens/models/intermediate/int_user_profiles.sql",
              List.of("min(rated_at)", "min(rate_at)")),
          Map.entry(
              "movielens/models/analytics/analytics_user_engagement.sql",
              List.of("  distinct_movies,", "  distinct_movie,")),
          Map.entry(
              "movielens/models/analytics/analytics_movie_insights.sql",
              List.of("  m.title,", "  m.titles,")),
          Map.entry(
              "bovespa/models/refined/carteira_refinada.sql", List.of("trim(acao)", "trim(acoa)")),
          Map.entry(
              "bovespa/models/refined/carteira_por_setor.sql",
              List.of("  setor,\n  tipo,", "  sector,\n  tipo,")),
          Map.entry("books/models/books.sql", List.of("  category,", "  categroy,")));

  @Test
  @Order(3)
  void aCopyOfEachExampleWithOneTypoPerModelGetsOneErrorPerTypoInOneCompile() throws IOException {
    for (Map.Entry<String, List<String>> typo : TYPOS.entrySet()) {
      Path file = workspace.resolve(typo.getKey());
      String text = Files.readString(file);
      assertThat(text).as(typo.getKey()).contains(typo.getValue().get(0));
      Files.writeString(
          file,
          text.replaceFirst(
              java.util.regex.Pattern.quote(typo.getValue().get(0)), typo.getValue().get(1)));
    }

    assertThat(compile("car-telemetry"))
        .containsExactlyInAnyOrder(
            "models/silver/car_readings.sql:39:3: column horsePowr does not exist in bronze.car_readings (did you mean horsePower?)",
            "models/gold/car_latest_state.sql:13:3: column colour does not exist in silver.car_readings (did you mean color?)",
            "models/gold/fuel_efficiency_by_car.sql:11:3: column gas_type does not exist in silver.car_readings (did you mean gasType?)",
            "models/gold/fuel_efficiency_by_model.sql:9:3: column Modell does not exist in silver.car_readings (did you mean Model?)",
            "models/gold/temperature_alerts.sql:10:3: column Manufactuer does not exist in silver.car_readings (did you mean Manufacturer?)");
    assertThat(compile("movielens"))
        .containsExactlyInAnyOrder(
            "models/staging/stg_ratings.sql:5:8: column ratings does not exist in movielens_raw.ratings (did you mean rating?)",
            "models/staging/stg_tags.sql:5:13: column tags does not exist in movielens_raw.tags (did you mean tag?)",
            "models/staging/stg_movies.sql:4:8: column titel does not exist in movielens_raw.movies (did you mean title?)",
            "models/staging/stg_links.sql:5:8: column tmbdId does not exist in movielens_raw.links (did you mean tmdbId?)",
            "models/intermediate/int_movie_ratings.sql:4:13: column ratng does not exist in staging.stg_ratings (did you mean rating?)",
            "models/intermediate/int_user_profiles.sql:7:7: column rate_at does not exist in staging.stg_ratings (did you mean rated_at?)",
            "models/analytics/analytics_user_engagement.sql:5:3: column distinct_movie does not exist in intermediate.int_user_profiles (did you mean distinct_movies?)",
            "models/analytics/analytics_movie_insights.sql:4:5: column titles does not exist in staging.stg_movies (did you mean title?)");
    assertThat(compile("bovespa"))
        .containsExactlyInAnyOrder(
            "models/refined/carteira_refinada.sql:28:8: column acoa does not exist in bronze.ibov_carteira (did you mean acao?)",
            "models/refined/carteira_por_setor.sql:12:3: column sector does not exist in refined.carteira_ibov (did you mean setor?)");
    assertThat(compile("books"))
        .containsExactly(
            "models/books.sql:26:3: column categroy does not exist in staging.books_raw (did you mean category?)");
  }

  /** The problem lines of one lagoa compile of an example in the workspace. */
  private static List<String> compile(String example) {
    Result result = lagoa("compile", "--project", workspace.resolve(example).toString());
    assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(Main.BAD_INPUT);
    return result.out().lines().filter(line -> line.startsWith("models/")).toList();
  }
}
