package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.config.Engine;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.duckdb.QuerySchemas;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.ingest.FilesLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelResult;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.BuildMode;
import dev.lagoa.models.spark.SparkJobClasspath;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.RunReport;
import dev.lagoa.runtime.RunRequest;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same car-telemetry project built on DuckDB and on Spark ({@code local[2]}, the job in its own
 * JVM) gives the same tables row for row, and the engines take turns on one project: an incremental
 * Spark build continues from the bookmark a DuckDB build left.
 *
 * <p>Starting Spark takes seconds, so the class opens one project, and so one Spark job, for all
 * its tests; they run in order on that project's growing tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkEngineContractTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final List<String> TABLES =
      List.of(
          "silver.car_readings",
          "gold.car_latest_state",
          "gold.fuel_efficiency_by_car",
          "gold.fuel_efficiency_by_model",
          "gold.temperature_alerts",
          "intermediate.int_movie_ratings",
          "intermediate.int_user_profiles",
          "analytics.analytics_movie_insights",
          "analytics.analytics_user_engagement",
          "ml.rating_features",
          "refined.carteira_ibov",
          "refined.carteira_por_setor");
  private static final String MOVIELENS_AND_BOVESPA =
      "stg_movies+,stg_ratings+,stg_tags+,stg_links+,carteira_refinada+";

  @TempDir static Path workspace;
  private static Lakehouse lake;
  private static Path landing;
  private static Path zone;
  private static final CarTelemetryGenerator GENERATOR = new CarTelemetryGenerator(13, 6, 4);

  @BeforeAll
  static void openCarTelemetryWithSparkSettings() throws IOException {
    Path project = workspace.resolve("car-telemetry");
    try (Stream<Path> files = Files.walk(EXAMPLES.resolve("car-telemetry"))) {
      for (Path file : files.toList()) {
        Path copy = project.resolve(EXAMPLES.resolve("car-telemetry").relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    String classpath = SparkJobClasspath.ofBuild(Path.of("..", "lagoa-spark").toAbsolutePath());
    Files.writeString(
        project.resolve("lagoa.yaml"),
        "\nspark:\n  master: local[2]\n  driver_memory: 1g\n  job_classpath: \""
            + classpath
            + "\"\n  conf:\n    spark.sql.shuffle.partitions: \"4\"\n",
        java.nio.file.StandardOpenOption.APPEND);
    addModelsOf("movielens", project);
    addModelsOf("bovespa", project);
    // Two sources over one landing zone with the example's settings: one loads it on DuckDB, the
    // other on Spark (test 8). It stays empty until then, so whole-project runs load nothing from
    // it.
    String example = Files.readString(project.resolve("lagoa.yaml"));
    StringBuilder zones = new StringBuilder("sources:\n");
    for (String engine : List.of("duckdb", "spark")) {
      zones.append(
          """
            zone_%1$s:
              type: files
              path: zone
              format: json
              pattern: "**.json*"
              table: bronze.zone_%1$s
              partition_by: ["day(_ingested_at)"]
              schema:
                policy: evolve
                hints: {year: long, ModelYear: long, horsePower: long, market.warrantyYears: long}
          """
              .formatted(engine));
    }
    Files.writeString(
        project.resolve("lagoa.yaml"), example.replaceFirst("(?m)^sources:\n", zones.toString()));
    zone = Files.createDirectories(project.resolve("zone"));
    landing = Files.createDirectories(project.resolve("landing/cars"));
    GENERATOR.writeOnePerFile(landing, 150);
    lake =
        Lakehouse.open(
            ProjectConfigLoader.withSystemEnvironment().load(project), Clock.systemUTC());
    seedMovieLensAndBovespa();
  }

  /**
   * The example's models join the project's (their folders do not clash; its schema.yml becomes
   * {@code <example>.yml}), so one project, and one Spark job, builds all three examples.
   */
  private static void addModelsOf(String example, Path project) throws IOException {
    Path models = EXAMPLES.resolve(example).resolve("models");
    try (Stream<Path> files = Files.walk(models)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = models.relativize(file).toString();
        if (relative.equals("README.md")) {
          continue;
        }
        Path copy =
            project
                .resolve("models")
                .resolve(relative.equals("schema.yml") ? example + ".yml" : relative);
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
      }
    }
  }

  /**
   * The raw tables the MovieLens models read (mirrored from PostgreSQL by CDC in the example; here
   * written directly, as MovieLensModelsTest does) and Bovespa's bronze table, with rows the
   * refined model's expectations drop.
   */
  private static void seedMovieLensAndBovespa() {
    append(
        "movielens_raw.movies",
        "SELECT * FROM (VALUES (1, 'Toy Story (1995)', 'Adventure|Animation|Children|Comedy|Fantasy'),"
            + " (2, 'Jumanji (1995)', 'Adventure|Children|Fantasy'),"
            + " (3, 'American President, The (1995)', 'Comedy|Drama|Romance'),"
            + " (4, 'Waiting to Exhale (1995)', 'Comedy|Drama|Romance'), (5, 'Unrated Film', 'Drama'))"
            + " AS t(movieId, title, genres)");
    appendRatings(
        "(1, 1, 4.0, 964982703), (1, 2, 3.5, 964981247), (1, 3, 5.0, 964982224),"
            + " (2, 1, 5.0, 964982931), (2, 4, 2.5, 964983815), (3, 1, 3.0, 964982400)");
    append(
        "movielens_raw.tags",
        "SELECT * FROM (VALUES (2, 1, 'pixar', 1445714994), (3, 3, 'politics', 1445714996))"
            + " AS t(userId, movieId, tag, timestamp)");
    append(
        "movielens_raw.links",
        "SELECT * FROM (VALUES (1, '0114709', 862), (2, '0113497', 8844), (3, '0112453', 9087),"
            + " (4, '0114885', 31357), (5, '0999999', 99999)) AS t(movieId, imdbId, tmdbId)");
    landPortfolio(
        "(DATE '2025-10-29', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 4566457800, 6.482, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-29', 'VALE3', 'VALE', 'ON  NM', 'Mineração', 4196924316, 11.2, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-29', 'ITUB4', 'ITAUUNIBANCO', 'PN', NULL, 4801593973, 7.5, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/csv'),"
            + " (DATE '2025-10-29', 'ITUB4', 'ITAUUNIBANCO', 'PN', 'Financeiro', 4801593973, 7.4, TIMESTAMP '2025-10-29 18:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-29', '', 'SEM CODIGO', 'ON', NULL, 1, 0.1, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/csv'),"
            + " (DATE '2025-10-29', 'BAD3', 'FORA', 'ON', NULL, 1, 150.0, TIMESTAMP '2025-10-29 19:00:00', 'https://b3/csv')");
  }

  private static void appendRatings(String values) {
    append(
        "movielens_raw.ratings",
        "SELECT userId, movieId, CAST(rating AS DOUBLE) AS rating, timestamp FROM (VALUES "
            + values
            + ") AS t(userId, movieId, rating, timestamp)");
  }

  private static void landPortfolio(String values) {
    // The raw table's documented types (examples/bovespa/models/README.md).
    append(
        "bronze.ibov_carteira",
        "SELECT CAST(data_carteira AS DATE) AS data_carteira, codigo, acao, tipo, setor,"
            + " CAST(qtde_teorica AS BIGINT) AS qtde_teorica, CAST(participacao_pct AS DOUBLE) AS"
            + " participacao_pct, CAST(scraped_at_utc AS TIMESTAMP) AS scraped_at_utc, source_url"
            + " FROM (VALUES "
            + values
            + ") AS t(data_carteira, codigo, acao, tipo, setor, qtde_teorica, participacao_pct,"
            + " scraped_at_utc, source_url)");
  }

  private static void append(String table, String query) {
    Table target =
        lake.catalog()
            .find(table)
            .orElseGet(
                () ->
                    lake.catalog()
                        .create(
                            table,
                            QuerySchemas.schemaOf(lake.engine(), query),
                            PartitionSpec.unpartitioned()));
    new TableWriter(lake.engine(), lake.clock())
        .write(target, query, WriteMode.APPEND, LagoaSummary.empty());
  }

  @AfterAll
  static void close() {
    if (lake != null) {
      lake.close();
    }
  }

  @Test
  @Order(1)
  void carTelemetryMovieLensAndBovespaBuiltOnSparkHaveTheRowsOfTheDuckDbBuild() {
    List<String> quarantined = quarantine();
    RunReport duck =
        lake.run(RunRequest.wholeProject(false), ProgressListener.NONE, LoadListener.NONE);
    assertThat(duck.models().orElseThrow().succeeded()).as(duck.models().get().summary()).isTrue();
    Map<String, List<String>> onDuckDb = rowsOfEveryTable();
    List<String> quarantinedOnDuckDb = added(quarantined, quarantine());
    assertThat(onDuckDb.get("silver.car_readings")).hasSizeGreaterThan(10);
    assertThat(onDuckDb.get("analytics.analytics_movie_insights")).hasSize(5);
    assertThat(onDuckDb.get("refined.carteira_ibov")).hasSize(3);
    assertThat(quarantinedOnDuckDb)
        .anyMatch(row -> row.startsWith("carteira_refinada|has_ticker|"))
        .anyMatch(row -> row.startsWith("carteira_refinada|participation_is_a_share|"));

    quarantined = quarantine();
    ModelRunReport spark = lake.runModels(Selection.all(), true, Engine.SPARK);

    assertThat(spark.succeeded()).as(spark.summary()).isTrue();
    assertThat(spark.result("car_readings").orElseThrow().message()).contains("on Spark");
    assertSameRows(onDuckDb, rowsOfEveryTable());
    assertThat(behaviour(spark)).isEqualTo(behaviour(duck.models().orElseThrow()));
    assertThat(added(quarantined, quarantine()))
        .containsExactlyInAnyOrderElementsOf(quarantinedOnDuckDb);
  }

  @Test
  @Order(2)
  void movieLensAndBovespaBuildIncrementallyOnSparkAfterAFullDuckDbBuild() {
    ModelRunReport duckFull =
        lake.runModels(Selection.parse(MOVIELENS_AND_BOVESPA), true, Engine.DUCKDB);
    assertThat(duckFull.succeeded()).as(duckFull.summary()).isTrue();
    newRatingsAndANewPortfolioDay();

    ModelRunReport spark =
        lake.runModels(Selection.parse(MOVIELENS_AND_BOVESPA), false, Engine.SPARK);

    assertThat(spark.succeeded()).as(spark.summary()).isTrue();
    ModelResult refined = spark.result("carteira_refinada").orElseThrow();
    assertThat(refined.mode()).isEqualTo(BuildMode.INCREMENTAL);
    assertThat(refined.rowsIn()).isEqualTo(4);
    assertThat(refined.rowsDropped()).isEqualTo(1);
    assertThat(
            rows(
                "SELECT avg_rating, total_ratings FROM analytics.analytics_movie_insights WHERE movieId = 5"))
        .containsExactly("4.5|2");
    assertThat(
            rows(
                "SELECT codigo, quantidade_teorica_acoes FROM refined.carteira_ibov WHERE data_carteira = DATE '2025-10-30' ORDER BY codigo"))
        .containsExactly("PETR4|120", "VALE3|4200000000");
    Map<String, List<String>> incrementalOnSpark = rowsOfEveryTable();

    ModelRunReport rebuilt =
        lake.runModels(Selection.parse(MOVIELENS_AND_BOVESPA), true, Engine.DUCKDB);

    assertThat(rebuilt.succeeded()).as(rebuilt.summary()).isTrue();
    assertSameRows(incrementalOnSpark, rowsOfEveryTable());
  }

  @Test
  @Order(3)
  void movieLensAndBovespaBuildIncrementallyOnDuckDbAfterAFullSparkBuild() {
    Map<String, List<String>> onDuckDb = rowsOfEveryTable();
    ModelRunReport sparkFull =
        lake.runModels(Selection.parse(MOVIELENS_AND_BOVESPA), true, Engine.SPARK);
    assertThat(sparkFull.succeeded()).as(sparkFull.summary()).isTrue();
    assertSameRows(onDuckDb, rowsOfEveryTable());
    appendRatings("(5, 3, 1.0, 964990000)");
    landPortfolio(
        "(DATE '2025-10-31', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 130, 6.7, TIMESTAMP '2025-10-31 19:00:00', 'https://b3/api')");

    ModelRunReport duck =
        lake.runModels(Selection.parse(MOVIELENS_AND_BOVESPA), false, Engine.DUCKDB);

    assertThat(duck.succeeded()).as(duck.summary()).isTrue();
    assertThat(duck.result("carteira_refinada").orElseThrow().mode())
        .isEqualTo(BuildMode.INCREMENTAL);
    assertThat(
            rows("SELECT total_ratings FROM analytics.analytics_movie_insights WHERE movieId = 3"))
        .containsExactly("2");
    Map<String, List<String>> incrementalOnDuckDb = rowsOfEveryTable();

    ModelRunReport rebuilt =
        lake.runModels(Selection.parse(MOVIELENS_AND_BOVESPA), true, Engine.SPARK);

    assertThat(rebuilt.succeeded()).as(rebuilt.summary()).isTrue();
    assertSameRows(incrementalOnDuckDb, rowsOfEveryTable());
  }

  private static void newRatingsAndANewPortfolioDay() {
    append(
        "movielens_raw.movies",
        "SELECT * FROM (VALUES (6, 'Heat (1995)', 'Action|Crime|Thriller')) AS t(movieId, title, genres)");
    appendRatings("(4, 5, 4.0, 964985000), (4, 6, 3.0, 964985100), (3, 5, 5.0, 964985200)");
    landPortfolio(
        "(DATE '2025-10-30', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 110, 6.5, TIMESTAMP '2025-10-30 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-30', 'PETR4', 'PETROBRAS', 'PN', 'Petróleo', 120, 6.6, TIMESTAMP '2025-10-30 21:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-30', 'VALE3', 'VALE', 'ON  NM', 'Mineração', 4200000000, 11.0, TIMESTAMP '2025-10-30 19:00:00', 'https://b3/api'),"
            + " (DATE '2025-10-30', NULL, 'SEM CODIGO', 'ON', NULL, 1, 0.1, TIMESTAMP '2025-10-30 19:00:00', 'https://b3/csv')");
  }

  /** What a run did, model by model, apart from its wording: what each engine must agree on. */
  private static List<String> behaviour(ModelRunReport report) {
    List<String> lines = new ArrayList<>();
    for (ModelResult result : report.results()) {
      lines.add(
          String.join(
              " ",
              result.model(),
              result.status().toString(),
              result.mode().toString(),
              "in=" + result.rowsIn(),
              "out=" + result.rowsOut(),
              "dropped=" + result.rowsDropped(),
              result.expectations().stream()
                  .map(e -> e.name() + ":" + e.failedRows() + "/" + e.checkedRows())
                  .toList()
                  .toString(),
              result.tests().stream()
                  .map(t -> t.name() + ":" + t.status() + ":" + t.failingRows())
                  .toList()
                  .toString()));
    }
    return lines;
  }

  private static List<String> quarantine() {
    return lake.catalog().find(dev.lagoa.models.expect.Quarantine.TABLE).isEmpty()
        ? List.of()
        : rows("SELECT model, expectation, row_json FROM quarantine.model_rows");
  }

  /** The rows of {@code after} that {@code before} does not hold (as multisets). */
  private static List<String> added(List<String> before, List<String> after) {
    List<String> added = new ArrayList<>(after);
    before.forEach(added::remove);
    return added;
  }

  @Test
  @Order(4)
  void anIncrementalSparkBuildContinuesFromTheBookmarkOfADuckDbBuild() {
    lake.runModels(Selection.all(), true, Engine.DUCKDB);
    String car = GENERATOR.chassisIds().get(0);
    LocalDateTime day = LocalDateTime.of(2025, 10, 28, 20, 0);
    GENERATOR.writeOnePerFile(
        landing,
        List.of(
            GENERATOR.reading(car, 987_654, day), GENERATOR.reading(car, 5, day.plusMinutes(5))));
    GENERATOR.writeOnePerFile(landing, 30);
    lake.load(
        lake.source("car_readings", dev.lagoa.core.config.FilesSourceConfig.class),
        dev.lagoa.ingest.LoadListener.NONE);

    ModelRunReport spark = lake.runModels(Selection.parse("car_readings"), false, Engine.SPARK);

    ModelResult silver = spark.result("car_readings").orElseThrow();
    assertThat(spark.succeeded()).as(spark.summary()).isTrue();
    assertThat(silver.mode()).isEqualTo(BuildMode.INCREMENTAL);
    assertThat(silver.rowsIn()).isEqualTo(32);
    assertThat(
            rows(
                "SELECT CAST(currentMileage AS BIGINT) FROM silver.car_readings WHERE carChassis = '"
                    + car
                    + "' AND event_date = DATE '2025-10-28'"))
        .as(
            "%s\n%s",
            spark.summary(),
            rows(
                "SELECT carChassis, event_date, currentMileage, metrics_metricTimestamp FROM silver.car_readings"))
        .containsExactly("987654");
    List<String> incrementalOnSpark = rows("SELECT * FROM silver.car_readings");

    ModelRunReport rebuilt = lake.runModels(Selection.parse("car_readings"), true, Engine.DUCKDB);

    assertThat(rebuilt.succeeded()).as(rebuilt.summary()).isTrue();
    assertSameRows(
        Map.of("silver.car_readings", incrementalOnSpark),
        Map.of("silver.car_readings", rows("SELECT * FROM silver.car_readings")));
  }

  @Test
  @Order(5)
  void sparksMergeOnReadDeleteUpdateAndMergeReadOnDuckDbAsTheLiveRows() {
    spark(
        "CREATE TABLE gold.people (id BIGINT, name STRING, score INT) USING iceberg TBLPROPERTIES"
            + " ('format-version' = '2', 'write.delete.mode' = 'merge-on-read',"
            + " 'write.update.mode' = 'merge-on-read', 'write.merge.mode' = 'merge-on-read')");
    spark("INSERT INTO gold.people VALUES (1, 'ana', 10), (2, 'bia', 20), (3, 'caio', 30)");
    spark("INSERT INTO gold.people VALUES (4, 'duda', 40), (5, 'edu', 50)");
    spark("INSERT INTO gold.people VALUES (6, 'fabi', 60)");
    spark("DELETE FROM gold.people WHERE id = 2");
    spark("UPDATE gold.people SET score = score + 1 WHERE id = 3");
    spark(
        "MERGE INTO gold.people t USING (SELECT 4 AS id, 'duda' AS name, 99 AS score UNION ALL"
            + " SELECT 7, 'gil', 70) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET t.score ="
            + " s.score WHEN NOT MATCHED THEN INSERT *");

    Map<String, String> summary = summary("gold.people");
    assertThat(Long.parseLong(summary.get("total-position-deletes")))
        .as("Spark wrote position deletes: %s", summary)
        .isGreaterThanOrEqualTo(3);
    List<String> live =
        List.of("1|ana|10", "3|caio|31", "4|duda|99", "5|edu|50", "6|fabi|60", "7|gil|70");
    assertThat(rows("SELECT * FROM gold.people ORDER BY id")).containsExactlyElementsOf(live);
    assertThat(spark("SELECT * FROM gold.people")).isEqualTo(live.size());
    assertThat(rows("SELECT count(*), sum(score) FROM gold.people WHERE score > 20"))
        .containsExactly("5|310");
  }

  @Test
  @Order(6)
  void deletionVectorsOfAFormatV3TableWrittenBySparkReadOnDuckDbAsTheLiveRows() {
    spark(
        "CREATE TABLE gold.people_v3 (id BIGINT, name STRING) USING iceberg TBLPROPERTIES"
            + " ('format-version' = '3', 'write.delete.mode' = 'merge-on-read')");
    spark("INSERT INTO gold.people_v3 VALUES (1, 'ana'), (2, 'bia'), (3, 'caio'), (4, 'duda')");
    spark("DELETE FROM gold.people_v3 WHERE id IN (2, 3)");

    Map<String, String> summary = summary("gold.people_v3");
    assertThat(summary).as("Spark wrote a deletion vector").containsKey("total-position-deletes");
    assertThat(rows("SELECT * FROM gold.people_v3 ORDER BY id")).containsExactly("1|ana", "4|duda");
  }

  @Test
  @Order(7)
  void aDuckDbModelReadsItsInputWithoutTheRowsSparkDeletedMergeOnRead() {
    String car = GENERATOR.chassisIds().get(1);
    assertThat(rows("SELECT count(*) FROM gold.car_latest_state WHERE carChassis = '" + car + "'"))
        .containsExactly("1");
    long others =
        Long.parseLong(
            rows("SELECT count(*) FROM gold.car_latest_state WHERE carChassis <> '" + car + "'")
                .get(0));
    LocalDateTime dayOfTheCar =
        java.time.LocalDate.parse(
                rows("SELECT min(event_date) FROM silver.car_readings WHERE carChassis = '"
                        + car
                        + "'")
                    .get(0))
            .atTime(23, 59);
    spark(
        "ALTER TABLE silver.car_readings SET TBLPROPERTIES ('write.delete.mode' ="
            + " 'merge-on-read')");
    spark("DELETE FROM silver.car_readings WHERE carChassis = '" + car + "'");

    ModelRunReport gold = lake.runModels(Selection.parse("car_latest_state"), true, Engine.DUCKDB);

    assertThat(gold.succeeded()).as(gold.summary()).isTrue();
    assertThat(summary("silver.car_readings")).containsKey("total-position-deletes");
    assertThat(rows("SELECT count(*) FROM silver.car_readings WHERE carChassis = '" + car + "'"))
        .containsExactly("0");
    assertThat(rows("SELECT count(*) FROM gold.car_latest_state WHERE carChassis = '" + car + "'"))
        .containsExactly("0");
    assertThat(rows("SELECT count(*) FROM gold.car_latest_state"))
        .containsExactly(String.valueOf(others));

    // An incremental DuckDB build rewriting a partition Spark deleted rows from keeps them deleted.
    GENERATOR.writeOnePerFile(
        landing, List.of(GENERATOR.reading(GENERATOR.chassisIds().get(2), 123_456, dayOfTheCar)));
    lake.load(
        lake.source("car_readings", dev.lagoa.core.config.FilesSourceConfig.class),
        LoadListener.NONE);
    ModelRunReport silver = lake.runModels(Selection.parse("car_readings"), false, Engine.DUCKDB);

    assertThat(silver.succeeded()).as(silver.summary()).isTrue();
    assertThat(silver.result("car_readings").orElseThrow().mode()).isEqualTo(BuildMode.INCREMENTAL);
    assertThat(silver.result("car_readings").orElseThrow().message())
        .as(silver.summary())
        .doesNotContain(" 0 files replaced");
    assertThat(rows("SELECT count(*) FROM silver.car_readings WHERE carChassis = '" + car + "'"))
        .containsExactly("0");
  }

  private static long spark(String statement) {
    return lake.spark().job().sql(statement);
  }

  private static Map<String, String> summary(String table) {
    org.apache.iceberg.Table loaded = lake.catalog().load(table);
    loaded.refresh();
    return loaded.currentSnapshot().summary();
  }

  @Test
  @Order(8)
  void theLoaderOnSparkLandsTheExampleLandingZoneWithTheRowsRescuedValuesAndQuarantineOfDuckDb() {
    // The car-telemetry example's landing zone: its 2,000 readings and its bad files.
    CarTelemetryGenerator example = new CarTelemetryGenerator(42, 25, 7);
    example.writeOnePerFile(zone, 2_000);
    example.writeBadFiles(zone.resolve("bad"));

    LoadReport onDuckDb = lake.load(zoneSource("duckdb"), LoadListener.NONE, Engine.DUCKDB);
    LoadReport onSpark = lake.load(zoneSource("spark"), LoadListener.NONE, Engine.SPARK);

    assertThat(onDuckDb.filesLoaded()).isEqualTo(2_005);
    assertThat(onSpark.filesLoaded()).isEqualTo(2_005);
    assertThat(onSpark.rowsLoaded()).isEqualTo(onDuckDb.rowsLoaded()).isGreaterThan(2_000);
    assertThat(onSpark.rowsRescued()).isEqualTo(onDuckDb.rowsRescued()).isEqualTo(1);
    assertThat(onSpark.rescuedFields()).isEqualTo(Map.of("metrics.engineTempCelsius", 1L));
    assertThat(onSpark.rowsQuarantined()).isEqualTo(onDuckDb.rowsQuarantined());
    assertThat(onSpark.columnsAdded()).isEqualTo(onDuckDb.columnsAdded());
    String rows = "SELECT * EXCLUDE (_ingested_at) FROM bronze.zone_";
    assertThat(rows(rows + "spark")).hasSize(rows(rows + "duckdb").size());
    assertThat(rows(rows + "duckdb EXCEPT ALL " + rows + "spark")).isEmpty();
    assertThat(rows(rows + "spark EXCEPT ALL " + rows + "duckdb")).isEmpty();
    assertThat(rows("SELECT _rescued_data FROM bronze.zone_spark WHERE _rescued_data IS NOT NULL"))
        .containsExactly("{\"metrics.engineTempCelsius\":\"hot\"}");
    String quarantine = "SELECT _source_file, _line, reason, raw FROM bronze.zone_%s_quarantine";
    assertThat(rows(quarantine.formatted("spark")))
        .containsExactlyInAnyOrderElementsOf(rows(quarantine.formatted("duckdb")));
    assertThat(
            rows(
                "SELECT DISTINCT regexp_extract(_source_file, 'bad_[a-z_]+') FROM bronze.zone_spark_quarantine"))
        .containsExactlyInAnyOrder(
            "bad_malformed_document", "bad_malformed_line", "bad_empty", "bad_truncated");
    Table loaded = lake.catalog().load("bronze.zone_spark");
    assertThat(loaded.refs().keySet()).containsExactly("main");
    assertThat(loaded.currentSnapshot().summary())
        .containsEntry("lagoa.ingest.source", "zone_spark");

    LoadReport again = lake.load(zoneSource("spark"), LoadListener.NONE, Engine.SPARK);

    assertThat(again.filesLoaded()).isZero();
    assertThat(again.filesSkipped()).isEqualTo(2_005);
  }

  @Test
  @Order(9)
  void aLoadOnSparkKilledBeforeItsCommitLeavesTheTableAsItWasAndTheRerunLoadsEveryFileOnce()
      throws IOException {
    long before = Long.parseLong(rows("SELECT count(*) FROM bronze.zone_spark").get(0));
    new CarTelemetryGenerator(7, 3, 2)
        .writeOnePerFile(Files.createDirectories(zone.resolve("later")), 20);
    // Lagoa dies once Spark has written the batch's rows, before it commits them.
    FilesLoader killed =
        new FilesLoader(lake.catalog(), lake.engine(), Clock.systemUTC(), 2)
            .onJob(
                request -> {
                  var answer = lake.spark().job().request(request);
                  if (request.path("op").asText().equals("load_write")) {
                    throw new IllegalStateException("killed after load_write");
                  }
                  return answer;
                });

    assertThatThrownBy(() -> killed.load(zoneSource("spark"), LoadListener.NONE))
        .hasMessageContaining("killed after load_write");
    assertThat(rows("SELECT count(*) FROM bronze.zone_spark")).containsExactly(before + "");
    assertThat(lake.catalog().load("bronze.zone_spark").refs().keySet())
        .anyMatch(name -> name.startsWith("lagoa_load_"));

    LoadReport rerun = lake.load(zoneSource("spark"), LoadListener.NONE, Engine.SPARK);

    assertThat(rerun.filesLoaded()).isEqualTo(20);
    assertThat(rows("SELECT count(*) FROM bronze.zone_spark")).containsExactly(before + 20 + "");
    assertThat(
            rows(
                "SELECT count(*), count(DISTINCT _source_file) FROM bronze.zone_spark"
                    + " WHERE _source_file LIKE '%/later/%'"))
        .containsExactly("20|20");
    assertThat(lake.catalog().load("bronze.zone_spark").refs().keySet()).containsExactly("main");
  }

  @Test
  @Order(10)
  void aFullSparkBuildCountsItsExpectationsDuringTheWriteAsTheSeparatePassDid() throws IOException {
    long total = number("SELECT count(*) FROM silver.car_readings");
    long threshold =
        number("SELECT CAST(median(currentMileage) AS BIGINT) FROM silver.car_readings");
    long highest = number("SELECT CAST(max(currentMileage) AS BIGINT) FROM silver.car_readings");
    long dropped =
        number(
            "SELECT count(*) FROM silver.car_readings WHERE NOT coalesce(currentMileage >= "
                + threshold
                + ", false)");
    long warned =
        number(
            "SELECT count(*) FROM silver.car_readings WHERE NOT coalesce(currentMileage < "
                + highest
                + ", false)");
    assertThat(dropped).isBetween(1L, total - 1);
    writeCheckModel(threshold, "currentMileage < " + highest, "warn");

    // The first build creates the table (its rows counted in a pass of their own); the second
    // overwrites it, counting while it writes to a branch it then publishes.
    ModelRunReport created = lake.runModels(Selection.parse("car_mileage"), true, Engine.SPARK);
    List<String> quarantined = quarantine();
    ModelRunReport onePass = lake.runModels(Selection.parse("car_mileage"), true, Engine.SPARK);

    assertThat(created.succeeded()).as(created.summary()).isTrue();
    assertThat(onePass.succeeded()).as(onePass.summary()).isTrue();
    ModelResult result = onePass.result("car_mileage").orElseThrow();
    assertThat(created.result("car_mileage").orElseThrow().message()).doesNotContain("one pass");
    assertThat(result.message()).contains("full build of checks.car_mileage on Spark in one pass");
    assertThat(result.rowsOut()).isEqualTo(total - dropped);
    assertThat(result.rowsDropped()).isEqualTo(dropped);
    assertThat(result.expectations())
        .extracting(e -> e.name() + ":" + e.failedRows() + "/" + e.checkedRows())
        .containsExactly(
            "high_mileage:" + dropped + "/" + total,
            "below_the_highest:" + warned + "/" + total,
            "chassis_present:0/" + total);
    assertThat(behaviour(onePass)).isEqualTo(behaviour(created));
    assertThat(rows("SELECT * FROM checks.car_mileage"))
        .containsExactlyInAnyOrderElementsOf(
            rows(
                "SELECT carChassis, event_date, currentMileage FROM silver.car_readings"
                    + " WHERE currentMileage >= "
                    + threshold));
    assertThat(added(quarantined, quarantine()))
        .hasSize((int) dropped)
        .allMatch(row -> row.startsWith("car_mileage|high_mileage|"));
    assertThat(lake.catalog().load("checks.car_mileage").refs().keySet()).containsExactly("main");
  }

  @Test
  @Order(11)
  void aFailExpectationThatFailsOnSparkLeavesTheTableExactlyAsItWas() throws IOException {
    long total = number("SELECT count(*) FROM silver.car_readings");
    long threshold =
        number("SELECT CAST(median(currentMileage) AS BIGINT) FROM silver.car_readings");
    long highest = number("SELECT CAST(max(currentMileage) AS BIGINT) FROM silver.car_readings");
    long failing =
        number(
            "SELECT count(*) FROM silver.car_readings WHERE NOT coalesce(currentMileage < "
                + highest
                + ", false)");
    Table before = lake.catalog().load("checks.car_mileage");
    List<String> rowsBefore = rows("SELECT * FROM checks.car_mileage");
    List<String> quarantined = quarantine();
    writeCheckModel(threshold, "currentMileage < " + highest, "fail");

    ModelRunReport refused = lake.runModels(Selection.parse("car_mileage"), true, Engine.SPARK);

    ModelResult result = refused.result("car_mileage").orElseThrow();
    assertThat(result.status()).isEqualTo(dev.lagoa.models.ModelStatus.FAILED);
    assertThat(result.message())
        .contains(
            "expectation below_the_highest (currentMileage < "
                + highest
                + ") failed for "
                + failing
                + " of "
                + total
                + " rows");
    Table after = lake.catalog().load("checks.car_mileage");
    assertThat(after.currentSnapshot().snapshotId())
        .isEqualTo(before.currentSnapshot().snapshotId());
    assertThat(after.refs().keySet()).containsExactly("main");
    assertThat(rows("SELECT * FROM checks.car_mileage"))
        .containsExactlyInAnyOrderElementsOf(rowsBefore);
    assertThat(quarantine()).containsExactlyInAnyOrderElementsOf(quarantined);
  }

  /**
   * A table model over silver.car_readings with a drop, a fail and a second expectation whose
   * action the test chooses.
   */
  private static void writeCheckModel(long threshold, String condition, String action)
      throws IOException {
    Path model = workspace.resolve("car-telemetry/models/checks/car_mileage.sql");
    Files.createDirectories(model.getParent());
    Files.writeString(
        model,
        """
        /* lagoa:
        materialized: table
        table: checks.car_mileage
        expectations:
          - name: high_mileage
            expect: currentMileage >= %d
            on_failure: drop
          - name: below_the_highest
            expect: %s
            on_failure: %s
          - name: chassis_present
            expect: carChassis IS NOT NULL
            on_failure: fail
        */
        SELECT carChassis, event_date, currentMileage FROM {{ ref('car_readings') }}
        """
            .formatted(threshold, condition, action));
  }

  private static long number(String query) {
    return Long.parseLong(rows(query).get(0));
  }

  private static FilesSourceConfig zoneSource(String engine) {
    return lake.source("zone_" + engine, FilesSourceConfig.class);
  }

  private static Map<String, List<String>> rowsOfEveryTable() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(table, rows("SELECT * FROM " + table));
    }
    return rows;
  }

  private static List<String> rows(String query) {
    List<String> rows = new ArrayList<>();
    for (List<String> row : lake.sql(query, null, Integer.MAX_VALUE).rows()) {
      rows.add(String.join("|", row.stream().map(String::valueOf).toList()));
    }
    return rows;
  }

  /** EXCEPT both ways is empty, and no row is doubled: the same multiset of rows. */
  private static void assertSameRows(
      Map<String, List<String>> expected, Map<String, List<String>> actual) {
    for (Map.Entry<String, List<String>> table : expected.entrySet()) {
      assertThat(actual.get(table.getKey()))
          .as("rows of %s", table.getKey())
          .containsExactlyInAnyOrderElementsOf(table.getValue());
    }
  }
}
