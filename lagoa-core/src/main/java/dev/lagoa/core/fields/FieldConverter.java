package dev.lagoa.core.fields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.config.SourceField;
import dev.lagoa.core.config.SourceFieldType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw text (or JSON value) of one field into its value: the field's regex first, then its
 * type. Values are Strings, Longs, BigDecimals and ISO-8601 date Strings, which land in JSON as
 * they should. The one conversion of every source's fields: web sources (HTML, JSON, CSV pages) and
 * {@code files} sources (CSV, JSON, Parquet records) read the same field vocabulary.
 */
public final class FieldConverter {
  private static final Map<String, Long> WORDS =
      Map.ofEntries(
          Map.entry("zero", 0L),
          Map.entry("one", 1L),
          Map.entry("two", 2L),
          Map.entry("three", 3L),
          Map.entry("four", 4L),
          Map.entry("five", 5L),
          Map.entry("six", 6L),
          Map.entry("seven", 7L),
          Map.entry("eight", 8L),
          Map.entry("nine", 9L),
          Map.entry("ten", 10L));
  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

  private final SourceField field;
  private final Pattern regex;
  private final LocalizedNumbers numbers;
  private final DateTimeFormatter dates;

  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

  public FieldConverter(SourceField field) {
    this.field = field;
    this.regex = field.regex().isEmpty() ? null : Pattern.compile(field.regex());
    this.numbers = new LocalizedNumbers(field.locale());
    this.dates = DateTimeFormatter.ofPattern(field.format(), field.locale());
  }

  public SourceField field() {
    return field;
  }

  /**
   * The value of {@code raw}, or empty when the field's regex finds nothing in it or nothing is
   * left.
   *
   * @throws ConversionException when the text is there but is not of the field's type
   */
  public Optional<Object> convert(String raw) {
    return convert(raw, null);
  }

  /**
   * As {@link #convert(String)}, with the URL of the page the value is on, against which {@code
   * url} fields are made absolute.
   */
  public Optional<Object> convert(String raw, URI page) {
    String text = raw;
    if (regex != null) {
      Matcher matcher = regex.matcher(raw);
      if (!matcher.find()) {
        return Optional.empty();
      }
      text =
          matcher.groupCount() > 0 && matcher.group(1) != null ? matcher.group(1) : matcher.group();
    }
    text = text.strip();
    if (field.collapseWhitespace()) {
      text = WHITESPACE.matcher(text).replaceAll(" ").strip();
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(field.type() == SourceFieldType.URL ? absolute(text, page) : typed(text));
  }

  private static String absolute(String link, URI page) {
    try {
      URI uri = new URI(link.replace(" ", "%20"));
      return page == null ? uri.toString() : page.resolve(uri).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConversionException(quoted(link) + " is not a link");
    }
  }

  /**
   * The value of a JSON value: text (and any value when the field has a regex or is a URL) goes
   * through {@link #convert(String, URI)}; numbers, booleans and nested values are taken as they
   * are, checked against the field's type.
   *
   * @throws ConversionException when the value is not of the field's type
   */
  public Optional<Object> convert(JsonNode node, URI page) {
    if (node.isTextual() || regex != null || field.type() == SourceFieldType.URL) {
      return convert(node.isValueNode() ? node.asText() : node.toString(), page);
    }
    return switch (field.type()) {
      case AUTO -> Optional.ofNullable(JsonValues.scalar(node));
      case TEXT -> Optional.of(node.isValueNode() ? node.asText() : node.toString());
      case DECIMAL -> Optional.of(number(node));
      case INTEGER, WORD_NUMBER -> Optional.of(wholeNumber(node));
      case DATE, URL -> convert(node.asText(), page);
    };
  }

  private static BigDecimal number(JsonNode node) {
    if (!node.isNumber()) {
      throw new ConversionException(node + " is not a number");
    }
    return node.decimalValue();
  }

  private static Long wholeNumber(JsonNode node) {
    try {
      return number(node).stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new ConversionException(node + " is not a whole number");
    }
  }

  /** Whether the field's regex is why a present value came out empty, for error messages. */
  public String regexDescription() {
    return regex == null ? "" : " (regex '" + regex.pattern() + "')";
  }

  private Object typed(String text) {
    SourceFieldType type = field.type();
    return switch (type) {
      case AUTO, TEXT -> text;
      case DECIMAL ->
          numbers
              .first(text)
              .orElseThrow(
                  () -> new ConversionException(quoted(text) + " is not a decimal number"));
      case INTEGER -> wholeNumber(text);
      case WORD_NUMBER -> wordNumber(text);
      case DATE -> date(text);
      case URL -> text;
    };
  }

  private Long wholeNumber(String text) {
    BigDecimal number =
        numbers
            .first(text)
            .orElseThrow(() -> new ConversionException(quoted(text) + " is not a whole number"));
    try {
      return number.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new ConversionException(quoted(text) + " is not a whole number" + localeHint());
    }
  }

  private Long wordNumber(String text) {
    Matcher words = WORD.matcher(text);
    while (words.find()) {
      Long value = WORDS.get(words.group().toLowerCase(Locale.ROOT));
      if (value != null) {
        return value;
      }
    }
    return numbers
        .first(text)
        .map(BigDecimal::longValue)
        .orElseThrow(
            () ->
                new ConversionException(
                    quoted(text) + " holds no number word (One to Ten) nor digits"));
  }

  private String date(String text) {
    try {
      return LocalDate.parse(text, dates).toString();
    } catch (DateTimeParseException e) {
      throw new ConversionException(
          quoted(text) + " is not a date in the format " + field.format());
    }
  }

  private String localeHint() {
    return " in locale " + field.locale().toLanguageTag();
  }

  private static String quoted(String text) {
    String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
    return "'" + shown + "'";
  }

  /** A value that is present but cannot be read as the field's type. */
  public static final class ConversionException extends RuntimeException {
    public ConversionException(String reason) {
      super(reason, null, false, false);
    }
  }
}
