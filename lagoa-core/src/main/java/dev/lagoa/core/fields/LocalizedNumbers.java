package dev.lagoa.core.fields;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first number in a text, written with a locale's separators: in English "1,234.5" and
 * "£51.77", in Brazilian Portuguese "4.273.841.357" and "0,482". Grouping is only recognised in
 * groups of three digits, so "51.77" in English is not read as 5,177.
 */
final class LocalizedNumbers {
  private final char grouping;
  private final char decimal;
  private final Pattern number;

  LocalizedNumbers(Locale locale) {
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    this.grouping = symbols.getGroupingSeparator();
    this.decimal = symbols.getDecimalSeparator();
    String g = Pattern.quote(String.valueOf(grouping));
    String d = Pattern.quote(String.valueOf(decimal));
    this.number = Pattern.compile("[-+]?(?:\\d{1,3}(?:" + g + "\\d{3})+|\\d+)(?:" + d + "\\d+)?");
  }

  Optional<BigDecimal> first(String text) {
    Matcher matcher = number.matcher(text);
    if (!matcher.find()) {
      return Optional.empty();
    }
    StringBuilder plain = new StringBuilder();
    for (char c : matcher.group().toCharArray()) {
      if (c == decimal) {
        plain.append('.');
      } else if (c != grouping && c != '+') {
        plain.append(c);
      }
    }
    return Optional.of(new BigDecimal(plain.toString()));
  }
}
