package dev.lagoa.spark.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatePatternsTest {
  private static final String CAR_TELEMETRY = "EEE, dd MMM yyyy HH:mm:ss";

  @Test
  void theCarTelemetryTimestampIsReadInAnyCaseWithoutCheckingTheDayName() {
    LocalDateTime expected = LocalDateTime.of(2024, 3, 5, 14, 7, 9);
    assertThat(DatePatterns.parseTimestamp("Tue, 05 Mar 2024 14:07:09", CAR_TELEMETRY))
        .isEqualTo(expected);
    assertThat(DatePatterns.parseTimestamp("tUE, 05 mAR 2024 14:07:09", CAR_TELEMETRY))
        .isEqualTo(expected);
    // 5 March 2024 was a Tuesday; Lagoa's DuckDB engine does not check day names, nor does this.
    assertThat(DatePatterns.parseTimestamp("Sun, 05 Mar 2024 14:07:09", CAR_TELEMETRY))
        .isEqualTo(expected);
    assertThat(DatePatterns.parseTimestamp("Thu, 29 Feb 2024 23:59:59", CAR_TELEMETRY))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59));
  }

  @Test
  void textThatIsNotPlainlyInTheLayoutGetsTheFormattersAnswer() {
    assertThat(DatePatterns.parseTimestamp("Tue, 5 Mar 2024 14:07:09", CAR_TELEMETRY)).isNull();
    assertThat(DatePatterns.parseTimestamp("Tue, 05 March 2024 14:07:09", CAR_TELEMETRY)).isNull();
    assertThat(DatePatterns.parseTimestamp("Tuesday, 05 Mar 2024 14:07:09", CAR_TELEMETRY))
        .isNull();
    assertThat(DatePatterns.parseTimestamp("Tue, 05 Mar 2024 24:07:09", CAR_TELEMETRY)).isNull();
    assertThat(DatePatterns.parseTimestamp("Tue, 05 Mar 2024 14:07:09Z", CAR_TELEMETRY)).isNull();
    assertThat(DatePatterns.parseTimestamp("", CAR_TELEMETRY)).isNull();
    // A day past the end of the month is the formatter's to decide (its smart resolver keeps it
    // within the month), not the fast reading's.
    assertThat(FixedLayout.of(CAR_TELEMETRY).parse("Tue, 31 Apr 2024 10:00:00")).isNull();
    assertThat(DatePatterns.parseTimestamp("Tue, 31 Apr 2024 10:00:00", CAR_TELEMETRY))
        .isEqualTo(DatePatterns.parseWithFormatter("Tue, 31 Apr 2024 10:00:00", CAR_TELEMETRY));
    assertThat(DatePatterns.parseDate("31/12/1999", "dd/MM/yyyy"))
        .isEqualTo(LocalDate.of(1999, 12, 31));
  }

  @Test
  void patternsWithFieldsOfVariableWidthOrOtherLettersAreLeftToTheFormatter() {
    for (String pattern :
        List.of(
            "yyyy-MM-dd'T'HH:mm:ss",
            "EEEE, dd MMMM yyyy",
            "d/M/yyyy",
            "yyyy-MM-dd HH:mm:ss.SSS",
            "dd MMM yyyy HH:mm:ss XXX",
            "HH:mm:ss",
            "yyyy-MM-dd [HH:mm]",
            "dd-MM-yyyy dd")) {
      assertThat(FixedLayout.of(pattern)).as(pattern).isNull();
    }
    assertThat(DatePatterns.parseTimestamp("2024-03-05T14:07:09", "yyyy-MM-dd'T'HH:mm:ss"))
        .isEqualTo(LocalDateTime.of(2024, 3, 5, 14, 7, 9));
    assertThat(
            DatePatterns.parseTimestamp("05 Mar 2024 14:07:09 +02:00", "dd MMM yyyy HH:mm:ss XXX"))
        .isEqualTo(LocalDateTime.of(2024, 3, 5, 12, 7, 9));
  }

  /**
   * Java's formatter is the definition: over texts that are near misses as often as matches, the
   * fast reading either gives the formatter's answer or leaves the text to it.
   */
  @Test
  void overManyNearMissesEveryAnswerIsTheFormatters() {
    Random random = new Random(20261129);
    List<String> patterns =
        List.of(CAR_TELEMETRY, "dd/MM/yyyy", "yyyy-MM-dd HH:mm:ss", "yyyyMMdd", "dd MMM yyyy");
    int fast = 0;
    int checked = 0;
    for (String pattern : patterns) {
      FixedLayout layout = FixedLayout.of(pattern);
      assertThat(layout).as(pattern).isNotNull();
      for (int i = 0; i < 20_000; i++) {
        String text = mangle(render(pattern, random), random);
        LocalDateTime answer = DatePatterns.parseTimestamp(text, pattern);
        assertThat(answer)
            .as("%s in %s", text, pattern)
            .isEqualTo(DatePatterns.parseWithFormatter(text, pattern));
        if (layout.parse(text) != null) {
          fast++;
        }
        checked++;
      }
    }
    // The test means something only if both readings were exercised often.
    assertThat(fast).isBetween(checked / 4, checked * 3 / 4);
  }

  private static final String[] DAY_NAMES = {
    "Mon", "tue", "WED", "Thu", "fRi", "Sat", "Sun", "Tues"
  };
  private static final String[] MONTH_NAMES = {
    "Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mai"
  };

  /** A text in the pattern's layout whose values are often, but not always, in range. */
  private static String render(String pattern, Random random) {
    StringBuilder text = new StringBuilder();
    int at = 0;
    while (at < pattern.length()) {
      char c = pattern.charAt(at);
      int run = 1;
      while (at + run < pattern.length() && pattern.charAt(at + run) == c) {
        run++;
      }
      switch (c) {
        case 'E' -> text.append(DAY_NAMES[random.nextInt(DAY_NAMES.length)]);
        case 'M' ->
            text.append(
                run == 3
                    ? MONTH_NAMES[random.nextInt(MONTH_NAMES.length)]
                    : String.format("%02d", random.nextInt(14)));
        case 'y' ->
            text.append(
                String.format("%04d", random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(2100)));
        case 'd' -> text.append(String.format("%02d", random.nextInt(33)));
        case 'H' -> text.append(String.format("%02d", random.nextInt(26)));
        case 'm', 's' -> text.append(String.format("%02d", random.nextInt(62)));
        default -> text.append(String.valueOf(c).repeat(run));
      }
      at += run;
    }
    return text.toString();
  }

  /** Now and then one character changed, dropped or added, or a letter outside ASCII. */
  private static String mangle(String text, Random random) {
    if (text.isEmpty() || random.nextInt(4) != 0) {
      return text;
    }
    int at = random.nextInt(text.length());
    String[] swaps = {"ı", "İ", "K", "0", "9", " ", ",", ":", "/", "-", "a", "Z"};
    String swap = swaps[random.nextInt(swaps.length)];
    return switch (random.nextInt(3)) {
      case 0 -> text.substring(0, at) + swap + text.substring(at + 1);
      case 1 -> text.substring(0, at) + text.substring(at + 1);
      default -> text.substring(0, at) + swap + text.substring(at);
    };
  }
}
