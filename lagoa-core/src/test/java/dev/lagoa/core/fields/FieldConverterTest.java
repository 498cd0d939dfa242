package dev.lagoa.core.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.config.SourceField;
import dev.lagoa.core.config.SourceFieldScope;
import dev.lagoa.core.config.SourceFieldType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldConverterTest {
  private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

  private static Optional<Object> convert(
      String raw, SourceFieldType type, Locale locale, String regex, String format) {
    SourceField field =
        new SourceField(
            "f", List.of(), "", regex, type, locale, format, SourceFieldScope.ROW, true, false);
    return new FieldConverter(field).convert(raw);
  }

  private static Object convert(String raw, SourceFieldType type) {
    return convert(raw, type, Locale.ENGLISH, "", "yyyy-MM-dd").orElseThrow();
  }

  @Test
  void readsPricesStockAndStarRatingsAsBooksToScrapeWritesThem() {
    assertThat(convert("£51.77", SourceFieldType.DECIMAL)).isEqualTo(new BigDecimal("51.77"));
    assertThat(convert("In stock (22 available)", SourceFieldType.INTEGER)).isEqualTo(22L);
    assertThat(convert("star-rating Three", SourceFieldType.WORD_NUMBER)).isEqualTo(3L);
    assertThat(convert("Five", SourceFieldType.WORD_NUMBER)).isEqualTo(5L);
    assertThat(convert("1,234.50", SourceFieldType.DECIMAL)).isEqualTo(new BigDecimal("1234.50"));
    assertThat(convert("IMDb rating: 9.3", SourceFieldType.DECIMAL))
        .isEqualTo(new BigDecimal("9.3"));
  }

  @Test
  void readsBrazilianNumbersWithDotsForThousandsAndCommasForDecimals() {
    assertThat(convert("0,482", SourceFieldType.DECIMAL, PT_BR, "", "").orElseThrow())
        .isEqualTo(new BigDecimal("0.482"));
    assertThat(convert("4.273.841.357", SourceFieldType.INTEGER, PT_BR, "", "").orElseThrow())
        .isEqualTo(4273841357L);
    assertThat(convert("17.282.590,56271553", SourceFieldType.DECIMAL, PT_BR, "", "").orElseThrow())
        .isEqualTo(new BigDecimal("17282590.56271553"));
  }

  @Test
  void readsShortBrazilianDatesDayFirst() {
    assertThat(convert("09/02/24", SourceFieldType.DATE, PT_BR, "", "dd/MM/yy"))
        .contains("2024-02-09");
    assertThat(
            convert(
                "IBOV - Carteira do Dia 03/11/25",
                SourceFieldType.DATE,
                PT_BR,
                "(\\d{2}/\\d{2}/\\d{2})",
                "dd/MM/yy"))
        .contains("2025-11-03");
  }

  @Test
  void aRegexCapturesItsFirstGroupAndFindingNothingMeansNoValue() {
    assertThat(
            convert(
                "1. The Shawshank Redemption",
                SourceFieldType.TEXT,
                Locale.ENGLISH,
                "^\\d+\\.\\s+(.+)$",
                ""))
        .contains("The Shawshank Redemption");
    assertThat(
            convert(
                "/title/tt0111161/?ref_=sr_t_1",
                SourceFieldType.AUTO,
                Locale.ENGLISH,
                "/title/(tt\\d+)",
                ""))
        .contains("tt0111161");
    assertThat(
            convert(
                "Out of stock",
                SourceFieldType.INTEGER,
                Locale.ENGLISH,
                "\\((\\d+) available\\)",
                ""))
        .isEmpty();
    assertThat(convert("   ", SourceFieldType.TEXT, Locale.ENGLISH, "", "")).isEmpty();
  }

  @Test
  void aValueOfTheWrongKindIsAnErrorThatQuotesIt() {
    assertThatThrownBy(() -> convert("£abc", SourceFieldType.DECIMAL))
        .hasMessage("'£abc' is not a decimal number");
    assertThatThrownBy(() -> convert("1,5", SourceFieldType.INTEGER, PT_BR, "", ""))
        .hasMessage("'1,5' is not a whole number in locale pt-BR");
    assertThatThrownBy(() -> convert("stars", SourceFieldType.WORD_NUMBER))
        .hasMessage("'stars' holds no number word (One to Ten) nor digits");
    assertThatThrownBy(() -> convert("31/31/24", SourceFieldType.DATE, PT_BR, "", "dd/MM/yy"))
        .hasMessage("'31/31/24' is not a date in the format dd/MM/yy");
  }
}
