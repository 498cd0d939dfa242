package dev.lagoa.ml.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lagoa.core.config.MlFeatureType;
import dev.lagoa.core.config.MlMissing;
import dev.lagoa.core.config.MlUnseen;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static EncodedFeature numeric(MlMissing missing) {
    return new EncodedFeature(
        "price", MlFeatureType.NUMERIC, missing, MlUnseen.REJECT, 20.0, 5.0, List.of());
  }

  private static EncodedFeature category(MlMissing missing, MlUnseen unseen) {
    return new EncodedFeature(
        "category", MlFeatureType.CATEGORICAL, missing, unseen, 0, 1, List.of("Poetry", "Travel"));
  }

  @Test
  void numbersAreStandardisedWithTheTrainingMeanAndDeviation() {
    FeatureEncoder.Encoded encoded =
        new FeatureEncoder(List.of(numeric(MlMissing.DROP))).encode(new Object[] {30.0});

    assertThat(encoded.names()).containsExactly("price");
    assertThat(encoded.values()).containsExactly(2.0);
  }

  @Test
  void aMissingNumberTakesTheTrainingMeanOrZeroAsConfigured() {
    assertThat(
            new FeatureEncoder(List.of(numeric(MlMissing.MEAN)))
                .encode(new Object[] {null})
                .values())
        .containsExactly(0.0);
    assertThat(
            new FeatureEncoder(List.of(numeric(MlMissing.ZERO)))
                .encode(new Object[] {null})
                .values())
        .containsExactly(-4.0);
  }

  @Test
  void aMissingValueUnderDropIsRefusedNamingTheFeature() {
    assertThatThrownBy(
            () -> new FeatureEncoder(List.of(numeric(MlMissing.DROP))).encode(new Object[] {null}))
        .isInstanceOf(InvalidFeatureException.class)
        .hasMessage("Cannot predict: feature price is missing (a numeric value is required)");
  }

  @Test
  void aKnownCategorySetsItsIndicator() {
    FeatureEncoder.Encoded encoded =
        new FeatureEncoder(List.of(category(MlMissing.DROP, MlUnseen.REJECT)))
            .encode(new Object[] {"Travel"});

    assertThat(encoded.names()).containsExactly("category=Travel");
    assertThat(encoded.values()).containsExactly(1.0);
  }

  @Test
  void anUnseenCategoryIsRefusedUnderRejectAndSetsNoIndicatorUnderIgnore() {
    assertThatThrownBy(
            () ->
                new FeatureEncoder(List.of(category(MlMissing.DROP, MlUnseen.REJECT)))
                    .encode(new Object[] {"Horror"}))
        .isInstanceOf(InvalidFeatureException.class)
        .hasMessage(
            "Cannot predict: feature category has the value 'Horror', which the training data never had (known: Poetry, Travel)");

    FeatureEncoder.Encoded ignored =
        new FeatureEncoder(List.of(category(MlMissing.DROP, MlUnseen.IGNORE)))
            .encode(new Object[] {"Horror"});
    assertThat(ignored.names()).isEmpty();
  }

  @Test
  void jsonValuesOfTheWrongTypeAreRefusedNamingTheField() {
    assertThatThrownBy(
            () -> FeatureEncoder.fromJson(numeric(MlMissing.DROP), JSON.textNode("cheap")))
        .isInstanceOf(InvalidFeatureException.class)
        .hasMessage("Cannot predict: feature price is \"cheap\", expected a number")
        .extracting(e -> ((InvalidFeatureException) e).field())
        .isEqualTo("price");
    assertThatThrownBy(
            () ->
                FeatureEncoder.fromJson(
                    category(MlMissing.DROP, MlUnseen.REJECT), JSON.arrayNode().add("Poetry")))
        .hasMessage(
            "Cannot predict: feature category is [\"Poetry\"], expected a single value (one of the categories)");
  }
}
