package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.testing.data.BovespaGenerator;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import dev.lagoa.testing.data.MovieLensFiles;
import dev.lagoa.testing.sites.B3Site;
import dev.lagoa.testing.sites.BooksSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped examples' pipelines run through the lagoa command, as a user runs them. */
class ExamplePipelinesTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir Path workspace;

  private record Result(int exit, String out, String err) {}

  private static Result lagoa(Path project, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all =
        Stream.concat(Stream.of(args), Stream.of("--project", project.toString()))
            .toArray(String[]::new);
    int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  private static String csv(Path project, String sql) {
    Result result = lagoa(project, "sql", "--format", "csv", sql);
    assertThat(result.err()).isEmpty();
    return result.out();
  }

  /** Copies an example, replacing one of its ${VARIABLE:-default} settings by a value. */
  private Path example(String name, String variable, String value) throws IOException {
    Path target = workspace.resolve(name);
    try (Stream<Path> files = Files.walk(EXAMPLES.resolve(name))) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(EXAMPLES.resolve(name).relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    Path config = target.resolve("lagoa.yaml");
    Files.writeString(
        config, Files.readString(config).replaceAll("\\$\\{" + variable + ":-[^}]*}", value));
    return target;
  }

  @Test
  void booksAreScrapedLoadedAndDeduplicatedByUpcAndRerunningAddsNoDuplicates() throws Exception {
    try (BooksSite site = BooksSite.start()) {
      Path books =
          example("books", "BOOKS_BASE_URL", site.baseUri().toString().replaceAll("/$", ""));
      Files.writeString(
          books.resolve("lagoa.yaml"),
          Files.readString(books.resolve("lagoa.yaml"))
              .replaceAll("\\$\\{BOOKS_REQUESTS_PER_SECOND:-\\d+}", "0"));

      Result first = lagoa(books, "run");
      Result second = lagoa(books, "run");

      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).contains("books_web: 1,07").contains("1,000 rows landed");
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(csv(books, "SELECT count(*) AS raw FROM staging.books_raw"))
          .isEqualTo("raw\n2000\n");
      assertThat(
              csv(books, "SELECT count(*) AS books, count(DISTINCT upc) AS upcs FROM gold.books"))
          .isEqualTo("books,upcs\n1000,1000\n");
      long duplicateTitles =
          site.catalogue().books().size()
              - site.catalogue().books().stream().map(book -> book.title()).distinct().count();
      assertThat(duplicateTitles).isPositive();
      assertThat(csv(books, "SELECT count(*) - count(DISTINCT title) AS shared FROM gold.books"))
          .isEqualTo("shared\n" + duplicateTitles + "\n");
      assertThat(lagoa(books, "test").exit()).isZero();
      // Each loader commit names the scrape run that landed its file, with what the run fetched.
      List<String> scraped =
          lagoa(books, "history", "staging.books_raw")
              .out()
              .lines()
              .filter(line -> line.contains("scraped by books_"))
              .toList();
      assertThat(scraped)
          .hasSize(2)
          .allSatisfy(
              line ->
                  assertThat(line)
                      .matches(
                          ".*scraped by books_\\d{8}T\\d{9}Z: 1,0\\d\\d pages, 1,000 rows, 0 pages"
                              + " failed, 0 blocked by robots.txt, 0 beyond the page limit, .*"));
    }
  }

  /**
   * The bovespa README says either of B3's shapes will do: each alone (the paged API as Parquet,
   * the scraped CSV download, or download files dropped into a folder) builds the refined tables,
   * the CSV shapes without a sector.
   */
  @Test
  void bovespaBuildsItsRefinedTablesFromEachOfB3sShapesAlone() throws Exception {
    try (B3Site site = B3Site.start()) {
      int assets = site.portfolio().assets().size();
      String base = site.baseUri().toString().replaceAll("/$", "");
      for (String source : List.of("ibov_api", "ibov_csv", "ibov_download")) {
        Path bovespa = example("bovespa", "B3_BASE_URL", base);
        if (source.equals("ibov_download")) {
          new BovespaGenerator(11)
              .writeDownloadCsv(
                  Files.createDirectories(bovespa.resolve("landing/ibov_download")),
                  B3Site.STANDARD_DATE);
        }

        Result run = lagoa(bovespa, "run", source);

        assertThat(run.exit()).as(source + ": " + run.out() + run.err()).isZero();
        assertThat(
                csv(
                    bovespa,
                    "SELECT count(*) AS n, min(data_carteira) AS day, count(setor) AS with_sector"
                        + " FROM refined.carteira_ibov"))
            .as(source)
            .isEqualTo("n,day,with_sector\n" + assets + ",2025-11-03," + assets + "\n");
        assertThat(
                csv(
                    bovespa,
                    "SELECT count(*) FILTER (WHERE setor = 'Não informado') > 0 AS unknown_sector"
                        + " FROM refined.carteira_ibov"))
            .as(source)
            .isEqualTo("unknown_sector\n" + !source.equals("ibov_api") + "\n");
        if (!source.equals("ibov_download")) { // dropped files were not scraped
          assertThat(lagoa(bovespa, "history", "bronze.ibov_carteira").out())
              .as(source)
              .containsOnlyOnce("scraped by " + source + "_")
              .contains(String.format("%,d rows, 0 pages failed", assets));
        }
        deleteRecursively(bovespa);
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Test
  void carTelemetryKeepsTheHighestMileagePerCarAndDayAcrossRunsAndSelectRunsOnlyThoseModels()
      throws Exception {
    Path cars = example("car-telemetry", "LAGOA_WAREHOUSE", "warehouse");
    Path landing = Files.createDirectories(cars.resolve("landing/cars"));
    CarTelemetryGenerator generator = new CarTelemetryGenerator(9, 3, 2);
    String chassis = generator.chassisIds().get(0);
    // A day after the generated ones, so these two readings are the car's only ones that day.
    LocalDateTime morning = CarTelemetryGenerator.DEFAULT_FIRST_DAY.plusDays(10).atTime(8, 0);
    generator.writeOnePerFile(landing, 30);
    generator.writeOnePerFile(landing, List.of(generator.reading(chassis, 4321, morning)));
    assertThat(lagoa(cars, "run").exit()).isZero();
    generator.writeOnePerFile(
        landing, List.of(generator.reading(chassis, 8500, morning.plusHours(9))));

    Result second = lagoa(cars, "run", "car_readings", "--select", "car_readings");

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(second.out())
        .contains("1 new file(s), 1 rows loaded")
        .contains("BUILT        car_readings (1 in", "incremental overwrite_partitions")
        .doesNotContain("car_latest_state");
    assertThat(
            csv(
                cars,
                "SELECT currentMileage FROM silver.car_readings WHERE carChassis = '"
                    + chassis
                    + "' AND event_date = DATE '"
                    + morning.toLocalDate()
                    + "'"))
        .isEqualTo("currentMileage\n8500.0\n");
    assertThat(
            csv(
                cars,
                "SELECT count(*) - count(DISTINCT (carChassis, event_date)) AS doubled FROM silver.car_readings"))
        .isEqualTo("doubled\n0\n");
  }

  @Test
  void aFailingModelTestExitsAsBadInputWithTheOffendingRows() throws Exception {
    Path movielens = example("movielens", "LAGOA_WAREHOUSE", "warehouse");
    Path landing = Files.createDirectories(movielens.resolve("landing/movielens"));
    MovieLensFiles files =
        new dev.lagoa.testing.data.MovieLensGenerator(
                1, new dev.lagoa.testing.data.MovieLensGenerator.Sizes(20, 50, 400, 30))
            .writeTo(landing);
    Result load =
        lagoa(
            movielens,
            "pg",
            "load",
            "movielens",
            "--script",
            movielens.resolve("postgres/schema.sql").toString(),
            files.movies().toString(),
            files.links().toString(),
            files.ratings().toString(),
            files.tags().toString());
    assertThat(load.exit()).as(load.err()).isZero();
    assertThat(load.out()).contains("ratings.csv: 400 rows copied");
    Result run = lagoa(movielens, "run");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("cdc movielens: snapshot of");
    assertThat(lagoa(movielens, "test").exit()).isZero();
    String movieId = Files.readAllLines(files.ratings()).get(1).split(",")[1];
    assertThat(
            lagoa(
                    movielens,
                    "pg",
                    "sql",
                    "movielens",
                    "UPDATE movielens_database.ratings SET rating = 7 WHERE \"movieId\" = "
                        + movieId)
                .exit())
        .isZero();
    assertThat(lagoa(movielens, "run", "movielens").out()).contains("cdc movielens:");

    Result test = lagoa(movielens, "test", "--select", "stg_ratings");

    assertThat(test.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(test.out()).contains("accepted_values").contains("stg_ratings").contains("7.0");
    assertThat(lagoa(movielens, "cdc", "status", "movielens").out())
        .contains("slot:            lagoa_movielens")
        .contains("lake LSN:");
  }

  @Test
  void aQueryOnOnePartitionReadsOnlyItsFilesAndReturnsWhatAFullScanReturns() throws Exception {
    Path cars = example("car-telemetry", "LAGOA_WAREHOUSE", "warehouse");
    new CarTelemetryGenerator(4, 5, 3)
        .writeOnePerFile(Files.createDirectories(cars.resolve("landing/cars")), 60);
    assertThat(lagoa(cars, "run").exit()).isZero();
    String day = CarTelemetryGenerator.DEFAULT_FIRST_DAY.plusDays(1).toString();

    Result pruned =
        lagoa(
            cars,
            "sql",
            "--show-scans",
            "--format",
            "csv",
            "SELECT count(*) AS n FROM silver.car_readings WHERE event_date = DATE '" + day + "'");
    Result unpruned =
        lagoa(
            cars,
            "sql",
            "--show-scans",
            "--format",
            "csv",
            "SELECT count(*) AS n FROM silver.car_readings WHERE CAST(event_date AS VARCHAR) = '"
                + day
                + "'");

    assertThat(pruned.err()).contains("scan: silver.car_readings: 1 of 3 data files read");
    assertThat(unpruned.err()).isEmpty();
    assertThat(pruned.out()).isEqualTo(unpruned.out()).isNotEqualTo("n\n0\n");
  }
}
