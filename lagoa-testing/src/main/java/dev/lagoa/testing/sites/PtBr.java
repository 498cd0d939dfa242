package dev.lagoa.testing.sites;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Numbers and dates written the way Brazilian sources write them: "4.273.841.357", "0,482",
 * "03/11/25".
 */
final class PtBr {
  private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("dd/MM/yy");

  private PtBr() {}

  static String integer(long value) {
    String digits = Long.toString(Math.abs(value));
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        result.append('.');
      }
      result.append(digits.charAt(i));
    }
    return (value < 0 ? "-" : "") + result;
  }

  static String decimal(BigDecimal value) {
    String plain = value.abs().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : "," + plain.substring(dot + 1);
    return (value.signum() < 0 ? "-" : "") + integer(Long.parseLong(whole)) + fraction;
  }

  static String shortDate(LocalDate date) {
    return SHORT_DATE.format(date);
  }
}
