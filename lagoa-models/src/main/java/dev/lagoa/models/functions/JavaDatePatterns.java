package dev.lagoa.models.functions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark's datetime patterns (Java {@link DateTimeFormatter} letters, English names): parsing them
 * in Java, and translating the common subset to DuckDB's {@code strptime}/{@code strftime} codes so
 * that a literal pattern runs inside DuckDB at full speed.
 *
 * <p>Translated letters: {@code y yy yyyy u} (year), {@code M MM MMM MMMM L} (month), {@code d dd},
 * {@code D} (day of year), {@code H HH h hh a}, {@code m mm}, {@code s ss}, {@code SSS SSSSSS
 * SSSSSSSSS} (fractions), {@code E EEE EEEE} (day name), {@code X XX XXX x Z} (offset), {@code
 * 'text'} quoted literals. Any other letter keeps the pattern on the Java path.
 */
public final class JavaDatePatterns {
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  private JavaDatePatterns() {}

  /**
   * The DuckDB {@code strptime}/{@code strftime} format for a Java pattern, if every letter has
   * one.
   */
  public static Optional<String> toDuckFormat(String pattern) {
    StringBuilder format = new StringBuilder();
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        int end = i + 1;
        StringBuilder literal = new StringBuilder();
        while (end < pattern.length()) {
          if (pattern.charAt(end) == '\'') {
            if (end + 1 < pattern.length() && pattern.charAt(end + 1) == '\'') {
              literal.append('\'');
              end += 2;
              continue;
            }
            break;
          }
          literal.append(pattern.charAt(end++));
        }
        if (end == i + 1 && end < pattern.length()) {
          literal.append('\''); // '' is a quote character
        }
        format.append(literal.toString().replace("%", "%%"));
        i = end + 1;
        continue;
      }
      if (!Character.isLetter(c)) {
        format.append(c == '%' ? "%%" : String.valueOf(c));
        i++;
        continue;
      }
      int count = 1;
      while (i + count < pattern.length() && pattern.charAt(i + count) == c) {
        count++;
      }
      String code = code(c, count);
      if (code == null) {
        return Optional.empty();
      }
      format.append(code);
      i += count;
    }
    return Optional.of(format.toString());
  }

  private static String code(char letter, int count) {
    return switch (letter) {
      case 'y', 'u' -> count == 2 ? "%y" : "%Y";
      case 'M', 'L' -> count <= 2 ? "%m" : count == 3 ? "%b" : "%B";
      case 'd' -> count <= 2 ? "%d" : null;
      case 'D' -> "%j";
      case 'H' -> count <= 2 ? "%H" : null;
      case 'h' -> count <= 2 ? "%I" : null;
      case 'a' -> count == 1 ? "%p" : null;
      case 'm' -> count <= 2 ? "%M" : null;
      case 's' -> count <= 2 ? "%S" : null;
      case 'S' -> count == 3 ? "%g" : count == 6 ? "%f" : count == 9 ? "%n" : null;
      case 'E' -> count <= 3 ? "%a" : "%A";
      case 'X', 'x', 'Z' -> "%z";
      default -> null;
    };
  }

  /**
   * A Java pattern's formatter: English names, case-insensitive, day names not checked against
   * dates.
   */
  public static DateTimeFormatter formatter(String pattern) {
    return FORMATTERS.computeIfAbsent(
        pattern,
        p ->
            new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(p)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.SMART)
                // Spark and DuckDB's strptime accept "Thu, 29 Oct 2025" although it was a
                // Wednesday.
                .withResolverFields(
                    ChronoField.YEAR_OF_ERA,
                    ChronoField.YEAR,
                    ChronoField.MONTH_OF_YEAR,
                    ChronoField.DAY_OF_MONTH,
                    ChronoField.DAY_OF_YEAR,
                    ChronoField.AMPM_OF_DAY,
                    ChronoField.CLOCK_HOUR_OF_AMPM,
                    ChronoField.HOUR_OF_AMPM,
                    ChronoField.HOUR_OF_DAY,
                    ChronoField.MINUTE_OF_HOUR,
                    ChronoField.SECOND_OF_MINUTE,
                    ChronoField.NANO_OF_SECOND,
                    ChronoField.MICRO_OF_SECOND,
                    ChronoField.MILLI_OF_SECOND,
                    ChronoField.OFFSET_SECONDS));
  }

  /**
   * Spark's {@code to_timestamp(text, pattern)}: the local date-time (UTC when the text has an
   * offset), or null when the text does not match, as Spark returns outside ANSI mode.
   */
  public static LocalDateTime parseTimestamp(String text, String pattern) {
    TemporalAccessor parsed;
    try {
      parsed = formatter(pattern).parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date == null) {
      return null;
    }
    LocalTime time = parsed.query(TemporalQueries.localTime());
    LocalDateTime local = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
    ZoneOffset offset = parsed.query(TemporalQueries.offset());
    return offset == null
        ? local
        : local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }

  /** Spark's {@code to_date(text, pattern)}; null when the text does not match. */
  public static LocalDate parseDate(String text, String pattern) {
    LocalDateTime timestamp = parseTimestamp(text, pattern);
    return timestamp == null ? null : timestamp.toLocalDate();
  }
}
