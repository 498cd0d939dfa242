package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.Engine;
import dev.lagoa.models.compile.ModelCompiler;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.materialize.Relations;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.test.ModelTester;
import dev.lagoa.models.test.TestReport;
import dev.lagoa.models.test.TestResult;
import dev.lagoa.models.test.TestStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensModelsTest {
  @TempDir Path directory;
  private Lakehouse lake;
  private ModelProject project;

  @BeforeEach
  void loadRawTables() throws IOException {
    lake = new Lakehouse(directory.resolve("warehouse"));
    project = ModelProject.load(Examples.project("movielens"));
    loadCsv(
        "movies",
        """
        movieId,title,genres
        1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
        2,Jumanji (1995),Adventure|Children|Fantasy
        3,"American President, The (1995)",Comedy|Drama|Romance
        4,Waiting to Exhale (1995),Comedy|Drama|Romance
        5,Unrated Film,Drama
        """);
    loadCsv(
        "ratings",
        """
        userId,movieId,rating,timestamp
        1,1,4.0,964982703
        1,2,3.5,964981247
        1,3,5.0,964982224
        2,1,5.0,964982931
        2,4,2.5,964983815
        3,1,3.0,964982400
        """);
    loadCsv(
        "tags",
        """
        userId,movieId,tag,timestamp
        2,1,pixar,1445714994
        3,3,politics,1445714996
        """);
    loadCsv(
        "links",
        """
        movieId,imdbId,tmdbId
        1,0114709,862
        2,0113497,8844
        3,0112453,9087
        4,0114885,31357
        5,0999999,99999
        """);
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private void loadCsv(String table, String csv) throws IOException {
    Path file = directory.resolve(table + ".csv");
    Files.writeString(file, csv);
    lake.append("movielens_raw." + table, "SELECT * FROM read_csv('" + file + "', header = true)");
  }

  @Test
  void analyticsMovieInsightsHasEveryMovieOnceAndUnratedMoviesKeepNulls() {
    ModelRunReport report = lake.runner().run(project, Selection.all(), false);

    assertThat(report.succeeded()).as(report.summary()).isTrue();
    assertThat(
            lake.query(
                "analytics.analytics_movie_insights",
                "SELECT concat_ws(' ', movieId, coalesce(CAST(avg_rating AS VARCHAR), 'NULL'),"
                    + " coalesce(CAST(total_ratings AS VARCHAR), 'NULL')) FROM {t} ORDER BY movieId"))
        .containsExactly("1 4.0 3", "2 3.5 1", "3 5.0 1", "4 2.5 1", "5 NULL NULL");
  }

  @Test
  void analyticsUserEngagementHasEveryUserOnceMostActiveFirst() {
    lake.runner().run(project, Selection.all(), false);

    assertThat(
            lake.query(
                "analytics.analytics_user_engagement",
                "SELECT concat_ws(' ', engagement_rank, userId, total_ratings, distinct_movies, avg_rating) FROM {t}"))
        .containsExactly("1 1 3 3 4.17", "2 2 2 2 3.75", "3 3 1 1 3.0");
  }

  @Test
  void everyModelTestPassesOnConsistentData() {
    ModelRunReport run = lake.runner().run(project, Selection.all(), false);

    TestReport tests = new ModelTester(lake.engine, lake.catalog).test(project, Selection.all());

    assertThat(run.succeeded()).as(run.summary()).isTrue();
    assertThat(tests.passed()).as(tests.summary()).isTrue();
    assertThat(tests.results())
        .hasSize(24)
        .allSatisfy(result -> assertThat(result.status()).isEqualTo(TestStatus.PASS));
  }

  @Test
  void aDuplicatedMovieFailsTheUniqueTestWithTheOffendingRowsPrinted() throws IOException {
    loadCsv(
        "movies",
        """
        movieId,title,genres
        2,Jumanji (1995) [re-release],Adventure
        """);

    ModelRunReport run = lake.runner().run(project, Selection.all(), false);
    TestReport tests =
        new ModelTester(lake.engine, lake.catalog).test(project, Selection.parse("stg_movies"));

    assertThat(run.result("stg_movies").orElseThrow().status()).isEqualTo(ModelStatus.TESTS_FAILED);
    assertThat(run.result("analytics_movie_insights").orElseThrow().status())
        .isEqualTo(ModelStatus.SKIPPED);
    assertThat(run.result("analytics_movie_insights").orElseThrow().message())
        .isEqualTo("upstream model stg_movies failed its tests");
    assertThat(run.result("int_movie_ratings").orElseThrow().status()).isEqualTo(ModelStatus.BUILT);
    assertThat(tests.passed()).isFalse();
    TestResult unique = tests.failures().get(0);
    assertThat(unique.name()).isEqualTo("unique_stg_movies_movieId");
    assertThat(unique.failingRows()).isEqualTo(2);
    assertThat(tests.summary())
        .contains("FAIL unique_stg_movies_movieId (model stg_movies): 2 failing rows")
        .contains(
            "{\"movieId\":2,\"title\":\"Jumanji (1995)\",\"genres\":\"Adventure|Children|Fantasy\",\"release_year\":1995}")
        .contains(
            "{\"movieId\":2,\"title\":\"Jumanji (1995) [re-release]\",\"genres\":\"Adventure\",\"release_year\":1995}");
    assertThat(run.summary()).contains("FAIL unique_stg_movies_movieId");
  }

  @Test
  void everyBuiltModelCanBeQueriedByNameInASqlSession() {
    lake.runner().run(project, Selection.all(), false);

    List<String> defined = new Relations(project, lake.catalog, lake.engine).defineAll();

    assertThat(defined).contains("staging.stg_movies", "analytics.analytics_movie_insights");
    assertThat(lake.engine.queryLong("SELECT count(*) FROM staging.stg_movies")).isEqualTo(5);
    assertThat(
            lake.engine.queryLong(
                "SELECT count(*) FROM analytics.analytics_movie_insights WHERE avg_rating IS NULL"))
        .isEqualTo(1);
  }

  @Test
  void everyModelKeepsToThePortableSqlSubsetSoItCanRunOnSpark() {
    assertThat(
            new ModelCompiler(lake.engine, lake.catalog)
                .compile(project, Selection.all(), Engine.SPARK)
                .problems())
        .isEmpty();
  }
}
