package dev.lagoa.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.config.MlConfig;
import dev.lagoa.core.config.MlModelConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ml.dataset.ExportFormat;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.runtime.AsOf;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.SqlQueries;
import dev.lagoa.scrape.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The movielens example's rating model, trained on real tables built by the example's models. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MovieLensRatingModelTest {
  private static final String COLUMNS =
      "user_avg_rating, user_rating_count, movie_avg_rating, movie_rating_count, release_year,"
          + " main_genre, is_drama, is_comedy, is_action, is_thriller, is_romance, is_horror,"
          + " is_documentary, is_animation, rating";

  @TempDir static Path directory;
  private Lakehouse lakehouse;
  private MachineLearning ml;

  @BeforeAll
  void buildTheExample() {
    lakehouse = MovieLensFixture.build(directory);
    ml = MachineLearning.of(lakehouse);
  }

  @AfterAll
  void close() {
    lakehouse.close();
  }

  @Test
  void theRatingModelBeatsAlwaysPredictingTheMeanRatingOnHeldOutRmse() throws Exception {
    ModelVersion version = ml.train("rating", null);

    // The mean baseline's RMSE, computed here in SQL from the exported split, not by Tribuo.
    Path export = directory.resolve("baseline.parquet");
    ml.exportTrainingData(
        "rating", OptionalInt.of(version.version()), ExportFormat.PARQUET, export);
    String rows = "read_parquet(" + DuckTypes.literal(export.toString()) + ")";
    double meanRmse =
        Double.parseDouble(
            lakehouse
                .engine()
                .queryStrings(
                    "SELECT sqrt(avg(power(rating - (SELECT avg(rating) FROM "
                        + rows
                        + " WHERE _split = 'train'), 2))) FROM "
                        + rows
                        + " WHERE _split = 'test'")
                .get(0));

    assertThat(version.evaluation().baselineMetrics().get("rmse"))
        .isCloseTo(meanRmse, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(version.evaluation().metrics().get("rmse")).isLessThan(0.95 * meanRmse);
    assertThat(version.evaluation().metrics().get("r2")).isGreaterThan(0.05);
    assertThat(version.rows().train() + version.rows().test())
        .isEqualTo(MovieLensFixture.SIZES.ratings());
    assertThat((double) version.rows().test() / MovieLensFixture.SIZES.ratings())
        .isBetween(0.18, 0.22);
    assertThat(directory.resolve("warehouse/_ml/rating/v" + version.version() + "/model.tribuo"))
        .isRegularFile();
    assertThat(directory.resolve("warehouse/_ml/rating/v" + version.version() + "/manifest.json"))
        .isRegularFile();
    assertThat(version.onnx()).isEqualTo("_ml/rating/v" + version.version() + "/model.onnx");
    assertThat(directory.resolve("warehouse").resolve(version.onnx())).isNotEmptyFile();
  }

  @Test
  void trainingTwiceOnTheSameSnapshotWithTheSameSeedGivesTheSameMetrics() {
    ModelVersion first = ml.train("rating", null);
    ModelVersion second = ml.train("rating", new AsOf(first.training().snapshotId(), null));

    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(second.training()).isEqualTo(first.training());
    assertThat(second.evaluation()).isEqualTo(first.evaluation());
    assertThat(second.rows()).isEqualTo(first.rows());
  }

  @Test
  void theTrainingDataExportEqualsTheTableAtTheRecordedSnapshotAfterNewRowsWereAppended()
      throws Exception {
    ModelVersion version = ml.train("rating", null);
    long trainedSnapshot = version.training().snapshotId();
    Files.writeString(
        directory.resolve("landing/movielens/ratings_more.csv"),
        "userId,movieId,rating,timestamp\n1,1,4.0,1537799999\n2,1,2.5,1537799999\n");
    lakehouse.run(ProgressListener.NONE, LoadListener.NONE, false);
    SqlQueries.exposeTables(lakehouse.catalog(), lakehouse.engine(), null);
    long rowsNow = lakehouse.engine().queryLong("SELECT count(*) FROM ml.rating_features");
    assertThat(lakehouse.catalog().load("ml.rating_features").currentSnapshot().snapshotId())
        .isNotEqualTo(trainedSnapshot);
    assertThat(rowsNow).isEqualTo(MovieLensFixture.SIZES.ratings() + 2);

    Path export = directory.resolve("training.parquet");
    ml.exportTrainingData(
        "rating", OptionalInt.of(version.version()), ExportFormat.PARQUET, export);

    // The table as it was, read through lagoa sql's time travel rather than the exporter.
    SqlQueries.exposeTables(
        lakehouse.catalog(), lakehouse.engine(), new AsOf(trainedSnapshot, null));
    String exported =
        "SELECT " + COLUMNS + " FROM read_parquet(" + DuckTypes.literal(export.toString()) + ")";
    String then = "SELECT " + castColumns() + " FROM ml.rating_features";
    assertThat(lakehouse.engine().queryLong("SELECT count(*) FROM (" + exported + ")"))
        .isEqualTo(MovieLensFixture.SIZES.ratings());
    assertThat(count("(" + exported + ") EXCEPT ALL (" + then + ")")).isZero();
    assertThat(count("(" + then + ") EXCEPT ALL (" + exported + ")")).isZero();
    SqlQueries.exposeTables(lakehouse.catalog(), lakehouse.engine(), null);
  }

  @Test
  void aVersionWorseOnThePromotionMetricIsKeptButNotServed() {
    ModelVersion good = ml.train("rating", null);
    MlModelConfig configured = lakehouse.config().ml().models().get("rating");
    // Only a genre flag, which the generated ratings do not depend on: no better than the mean.
    MlModelConfig stump =
        new MlModelConfig(
            "rating",
            configured.table(),
            configured.target(),
            configured.task(),
            List.of(configured.feature("is_animation").orElseThrow()),
            configured.algorithm(),
            configured.params(),
            configured.testFraction(),
            configured.seed(),
            configured.promotionMetric());
    ProjectConfig withStump =
        new ProjectConfig(
            lakehouse.config().name(),
            lakehouse.config().directory(),
            lakehouse.config().catalog(),
            lakehouse.config().sources(),
            lakehouse.config().maintenance(),
            lakehouse.config().api(),
            lakehouse.config().serve(),
            new MlConfig(Map.of("rating", stump)));
    MachineLearning stumpTrainer =
        new MachineLearning(withStump, lakehouse.catalog(), lakehouse.engine(), Clock.systemUTC());

    ModelVersion worse = stumpTrainer.train("rating", null);

    assertThat(worse.evaluation().metrics().get("rmse"))
        .isGreaterThan(good.evaluation().metrics().get("rmse"));
    assertThat(worse.promotion().served()).isFalse();
    assertThat(worse.promotion().reason()).contains("worse, version").contains("stays served");
    assertThat(ml.servedVersion("rating")).isNotEqualTo(OptionalInt.of(worse.version()));
    assertThat(ml.versions("rating"))
        .extracting(ModelVersion::version)
        .contains(good.version(), worse.version());
  }

  @Test
  void trainingAModelTheProjectDoesNotDeclareNamesTheDeclaredOnes() {
    assertThatThrownBy(() -> ml.train("ratings", null))
        .hasMessage("Cannot find model ratings: project movielens declares the models rating");
  }

  @Test
  void trainingAsOfASnapshotTheTableNeverHadIsRefused() {
    assertThatThrownBy(() -> ml.train("rating", new AsOf(123456789L, null)))
        .hasMessageContaining(
            "Cannot train rating as of snapshot 123456789: table ml.rating_features has no such snapshot");
  }

  private long count(String query) {
    return lakehouse.engine().queryLong("SELECT count(*) FROM (" + query + ")");
  }

  private static String castColumns() {
    return List.of(COLUMNS.split(",\\s*")).stream()
        .map(String::trim)
        .map(
            c ->
                c.startsWith("is_")
                    ? "CAST(" + c + " AS BOOLEAN) AS " + c
                    : c.equals("main_genre")
                        ? "CAST(" + c + " AS VARCHAR) AS " + c
                        : "CAST(" + c + " AS DOUBLE) AS " + c)
        .reduce((a, b) -> a + ", " + b)
        .orElseThrow();
  }
}
