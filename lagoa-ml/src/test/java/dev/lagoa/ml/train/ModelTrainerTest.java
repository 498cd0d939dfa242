package dev.lagoa.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.config.MlAlgorithm;
import dev.lagoa.core.config.MlFeature;
import dev.lagoa.core.config.MlFeatureType;
import dev.lagoa.core.config.MlMetric;
import dev.lagoa.core.config.MlMissing;
import dev.lagoa.core.config.MlModelConfig;
import dev.lagoa.core.config.MlParams;
import dev.lagoa.core.config.MlTask;
import dev.lagoa.core.config.MlUnseen;
import dev.lagoa.ml.dataset.TrainingRows;
import dev.lagoa.ml.dataset.TrainingSnapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTrainerTest {
  private static final TrainingSnapshot SNAPSHOT =
      new TrainingSnapshot("gold.books", 1L, "2026-11-29T00:00:00Z");

  private static MlModelConfig classifier(MlAlgorithm algorithm) {
    return new MlModelConfig(
        "band",
        "gold.books",
        "band",
        MlTask.CLASSIFICATION,
        List.of(
            new MlFeature("category", MlFeatureType.CATEGORICAL, MlMissing.DROP, MlUnseen.REJECT)),
        algorithm,
        MlParams.DEFAULT,
        0.25,
        7,
        MlMetric.ACCURACY);
  }

  /**
   * 400 books: "Poetry" books are "cheap", "Travel" books "dear", "Fiction" books mostly "cheap";
   * every fourth row is held out.
   */
  private static TrainingRows books() {
    List<Object[]> features = new ArrayList<>();
    List<Object> targets = new ArrayList<>();
    boolean[] heldOut = new boolean[400];
    String[] categories = {"Poetry", "Travel", "Fiction", "Fiction"};
    for (int i = 0; i < 400; i++) {
      String category = categories[i % 4];
      features.add(new Object[] {category});
      targets.add(
          category.equals("Travel") || (category.equals("Fiction") && i % 8 == 2)
              ? "dear"
              : "cheap");
      heldOut[i] = i % 4 == (i / 4) % 4;
    }
    return new TrainingRows(SNAPSHOT, features, targets, heldOut, 400, 0);
  }

  @Test
  void aClassifierLearnsWhatTheCategorySaysAndBeatsTheMostFrequentClass() {
    for (MlAlgorithm algorithm : MlAlgorithm.values()) {
      TrainedModel trained =
          new ModelTrainer(Clock.systemUTC()).train(classifier(algorithm), books());

      // Held out: 100 rows, 25 of each category position; the best possible answers every Poetry
      // and Travel row right and Fiction by its majority ("cheap").
      assertThat(trained.testRows()).isEqualTo(100);
      assertThat(trained.evaluation().baselineMetrics().get("accuracy")).isLessThan(0.76);
      assertThat(trained.evaluation().metrics().get("accuracy"))
          .as(algorithm.name())
          .isGreaterThan(trained.evaluation().baselineMetrics().get("accuracy"));
      assertThat(trained.evaluation().metrics()).containsKeys("accuracy", "macro_f1");
      ConfusionMatrix confusion = trained.evaluation().confusion();
      assertThat(confusion.labels()).containsExactly("cheap", "dear");
      assertThat(confusion.counts().stream().flatMap(List::stream).mapToLong(Long::longValue).sum())
          .isEqualTo(100);
    }
  }

  @Test
  void tooFewRowsToHoldAnyOutIsAClearError() {
    TrainingRows rows =
        new TrainingRows(
            SNAPSHOT,
            List.<Object[]>of(new Object[] {"Poetry"}),
            List.of("cheap"),
            new boolean[] {false},
            1,
            0);

    assertThatThrownBy(
            () -> new ModelTrainer(Clock.systemUTC()).train(classifier(MlAlgorithm.CART), rows))
        .hasMessage(
            "Cannot train band: snapshot 1 of gold.books gives 1 training and 0 held-out rows; at least 2 and 1 are needed");
  }
}
