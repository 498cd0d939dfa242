package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MlConfigTest {
  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(name -> null)
        .parse(Path.of("/projects/films"), "lagoa.yaml", yaml);
  }

  @Test
  void aModelIsReadWithItsFeaturesAlgorithmAndPromotionRule() {
    ProjectConfig config =
        parse(
            """
            ml:
              models:
                rating:
                  table: ml.rating_features
                  target: rating
                  task: regression
                  features:
                    user_avg_rating: {type: numeric, missing: mean}
                    genre: {type: categorical, missing: category, unseen: ignore}
                    is_drama: {type: boolean}
                  algorithm: linear-sgd
                  params: {epochs: 3, learning_rate: 0.05}
                  test_fraction: 0.25
                  seed: 7
                  promotion: {metric: mae}
            """);

    MlModelConfig model = config.ml().models().get("rating");
    assertThat(model.table()).isEqualTo("ml.rating_features");
    assertThat(model.task()).isEqualTo(MlTask.REGRESSION);
    assertThat(model.features())
        .containsExactly(
            new MlFeature(
                "user_avg_rating", MlFeatureType.NUMERIC, MlMissing.MEAN, MlUnseen.REJECT),
            new MlFeature("genre", MlFeatureType.CATEGORICAL, MlMissing.CATEGORY, MlUnseen.IGNORE),
            new MlFeature("is_drama", MlFeatureType.BOOLEAN, MlMissing.DROP, MlUnseen.REJECT));
    assertThat(model.algorithm()).isEqualTo(MlAlgorithm.LINEAR_SGD);
    assertThat(model.params()).isEqualTo(new MlParams(8, 5.0, 3, 0.05, 1));
    assertThat(model.testFraction()).isEqualTo(0.25);
    assertThat(model.seed()).isEqualTo(7);
    assertThat(model.promotionMetric()).isEqualTo(MlMetric.MAE);
  }

  @Test
  void defaultsAreACartTreeATwentyPercentSplitAndTheTasksUsualMetric() {
    MlModelConfig model =
        parse(
                """
            ml:
              models:
                band:
                  table: gold.books
                  target: rating
                  task: classification
                  features: {price: {type: numeric}}
            """)
            .ml()
            .models()
            .get("band");

    assertThat(model.algorithm()).isEqualTo(MlAlgorithm.CART);
    assertThat(model.params()).isEqualTo(MlParams.DEFAULT);
    assertThat(model.testFraction()).isEqualTo(0.2);
    assertThat(model.seed()).isEqualTo(42);
    assertThat(model.promotionMetric()).isEqualTo(MlMetric.ACCURACY);
  }

  @Test
  void aProjectWithoutAnMlSectionHasNoModels() {
    assertThat(parse("sources: {}").ml()).isEqualTo(MlConfig.NONE);
  }

  @Test
  void everyProblemOfTheSectionIsReportedWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    ml:
                      models:
                        rating:
                          table: ratings
                          task: regression
                          features:
                            rating: {type: numeric}
                            genre: {type: categorical, missing: mean}
                            year: {type: date}
                            count: {type: numeric, unseen: ignore}
                          algorithm: cart
                          params: {epochs: 3, max_depth: 0}
                          test_fraction: 1.5
                          promotion: {metric: accuracy}
                          colour: blue
                    """))
        .hasMessageContaining("ml.models.rating.table was 'ratings' but it must be namespace.name")
        .hasMessageContaining("ml.models.rating.target is missing but it is required")
        .hasMessageContaining(
            "ml.models.rating.features.genre.missing was 'mean' but for a categorical feature it must be one of category, drop")
        .hasMessageContaining(
            "ml.models.rating.features.year.type was 'date' but it must be one of numeric, categorical, boolean")
        .hasMessageContaining(
            "ml.models.rating.features.count.unseen applies only to categorical features")
        .hasMessageContaining(
            "ml.models.rating.params.epochs does not apply to algorithm cart (its params: max_depth, min_child_weight)")
        .hasMessageContaining("ml.models.rating.params.max_depth was '0' but it must be at least 1")
        .hasMessageContaining(
            "ml.models.rating.test_fraction was '1.5' but it must be between 0 and 1 (exclusive)")
        .hasMessageContaining(
            "ml.models.rating.promotion.metric was 'accuracy' but for regression it must be one of rmse, mae, r2")
        .hasMessageContaining("ml.models.rating.colour is not a known setting");
  }

  @Test
  void aFeatureNamedLikeTheTargetIsRefused() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    ml:
                      models:
                        rating:
                          table: ml.features
                          target: rating
                          features: {rating: {type: numeric}}
                    """))
        .hasMessageContaining(
            "ml.models.rating.features.rating is the target; a model cannot learn from it");
  }
}
