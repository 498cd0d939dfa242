package dev.lagoa.spark.job;

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
 * Parses text with a Java datetime pattern exactly as Lagoa's DuckDB engine does (its {@code
 * dev.lagoa.models.functions.JavaDatePatterns}, which this job cannot depend on: it runs on Spark's
 * class path, without Lagoa's): English names, case-insensitive, day names not checked against
 * dates, the UTC local time when the text has an offset, null when the text does not match. Text
 * that plainly matches a pattern of fixed-width fields is read by {@link FixedLayout} without the
 * formatter (the same answer, a fraction of the cost); everything else goes to the formatter. The
 * contract test that builds every example on both engines and compares the tables row for row keeps
 * the two in step.
 *
 * <p>Spark 4 refuses the letters {@code E F q Q} in parsing patterns ({@code
 * INVALID_DATETIME_PATTERN}); Lagoa sends {@code to_timestamp}/{@code to_date} calls with such a
 * pattern here, as {@code lagoa_to_timestamp}/{@code lagoa_to_date}, and leaves every other call to
 * Spark's own functions.
 */
final class DatePatterns {
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();
  private static final Map<String, Optional<FixedLayout>> LAYOUTS = new ConcurrentHashMap<>();

  private DatePatterns() {}

  static LocalDateTime parseTimestamp(String text, String pattern) {
    if (text == null || pattern == null) {
      return null;
    }
    FixedLayout layout =
        LAYOUTS.computeIfAbsent(pattern, p -> Optional.ofNullable(FixedLayout.of(p))).orElse(null);
    if (layout != null) {
      LocalDateTime plain = layout.parse(text);
      if (plain != null) {
        return plain;
      }
    }
    return parseWithFormatter(text, pattern);
  }

  /** What {@code text} means in {@code pattern} for Java's formatter, which defines the answer. */
  static LocalDateTime parseWithFormatter(String text, String pattern) {
    TemporalAccessor parsed;
    try {
      parsed = formatter(pattern).parse(text);
    } catch (DateTimeParseException | IllegalArgumentException e) {
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

  static LocalDate parseDate(String text, String pattern) {
    LocalDateTime timestamp = parseTimestamp(text, pattern);
    return timestamp == null ? null : timestamp.toLocalDate();
  }

  private static DateTimeFormatter formatter(String pattern) {
    return FORMATTERS.computeIfAbsent(
        pattern,
        p ->
            new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(p)
                .toFormatter(Locale.ENGLISH)
                .withResolverStyle(ResolverStyle.SMART)
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
}
