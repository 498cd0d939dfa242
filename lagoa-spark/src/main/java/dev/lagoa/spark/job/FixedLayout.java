package dev.lagoa.spark.job;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fast reading of the datetime patterns whose every field has a fixed width — {@code EEE, dd MMM
 * yyyy HH:mm:ss}, {@code dd/MM/yyyy}, {@code yyyy-MM-dd HH:mm:ss} — for text that plainly matches
 * them: fixed-width digits, English day and month abbreviations in any case, the same separators,
 * values in range. Anything else (another width, a name it does not know, a day past the month's
 * end, text left over) is not decided here: {@link #parse} returns null and the caller asks {@link
 * java.time.format.DateTimeFormatter}, which stays the definition of what a pattern means. Parsing
 * through the formatter costs a microsecond or more a value; a model that parses two timestamps per
 * row of ten million readings spends most of its time there.
 */
final class FixedLayout {
  private static final String[] DAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  private enum Kind {
    LITERAL,
    DAY_NAME,
    MONTH_NAME,
    YEAR,
    MONTH,
    DAY,
    HOUR,
    MINUTE,
    SECOND
  }

  private record Element(Kind kind, char literal) {
    int width() {
      return switch (kind) {
        case LITERAL -> 1;
        case DAY_NAME, MONTH_NAME -> 3;
        case YEAR -> 4;
        default -> 2;
      };
    }
  }

  private final Element[] elements;
  private final int length;

  private FixedLayout(List<Element> elements) {
    this.elements = elements.toArray(Element[]::new);
    this.length = elements.stream().mapToInt(Element::width).sum();
  }

  /**
   * The fixed layout of {@code pattern}, or null when the pattern has a letter, a width, a quote or
   * an optional section this reading does not cover, or names a field twice, or lacks a date.
   */
  static FixedLayout of(String pattern) {
    List<Element> elements = new ArrayList<>();
    Set<Kind> seen = new HashSet<>();
    int at = 0;
    while (at < pattern.length()) {
      char c = pattern.charAt(at);
      int run = 1;
      while (at + run < pattern.length() && pattern.charAt(at + run) == c) {
        run++;
      }
      Kind kind;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        kind = field(c, run);
        if (kind == null || !seen.add(kind)) {
          return null;
        }
        elements.add(new Element(kind, c));
      } else if ("'[]{}#".indexOf(c) >= 0) {
        return null;
      } else {
        for (int i = 0; i < run; i++) {
          elements.add(new Element(Kind.LITERAL, c));
        }
      }
      at += run;
    }
    boolean month = seen.contains(Kind.MONTH) || seen.contains(Kind.MONTH_NAME);
    if (!seen.contains(Kind.YEAR) || !month || !seen.contains(Kind.DAY)) {
      return null;
    }
    return new FixedLayout(elements);
  }

  private static Kind field(char letter, int width) {
    return switch (letter) {
      case 'E' -> width == 3 ? Kind.DAY_NAME : null;
      case 'M' -> width == 2 ? Kind.MONTH : width == 3 ? Kind.MONTH_NAME : null;
      case 'y' -> width == 4 ? Kind.YEAR : null;
      case 'd' -> width == 2 ? Kind.DAY : null;
      case 'H' -> width == 2 ? Kind.HOUR : null;
      case 'm' -> width == 2 ? Kind.MINUTE : null;
      case 's' -> width == 2 ? Kind.SECOND : null;
      default -> null;
    };
  }

  /**
   * The local date-time {@code text} plainly spells in this layout, or null to ask the formatter.
   */
  LocalDateTime parse(String text) {
    if (text.length() != length) {
      return null;
    }
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int at = 0;
    for (Element element : elements) {
      switch (element.kind()) {
        case LITERAL -> {
          if (text.charAt(at) != element.literal()) {
            return null;
          }
        }
        case DAY_NAME -> {
          if (name(text, at, DAYS) < 0) {
            return null;
          }
        }
        case MONTH_NAME -> month = name(text, at, MONTHS) + 1;
        case YEAR -> year = digits(text, at, 4);
        case MONTH -> month = digits(text, at, 2);
        case DAY -> day = digits(text, at, 2);
        case HOUR -> hour = digits(text, at, 2);
        case MINUTE -> minute = digits(text, at, 2);
        case SECOND -> second = digits(text, at, 2);
      }
      at += element.width();
    }
    if (year < 1
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second);
  }

  /** The value of {@code width} ASCII digits at {@code at}, or -1 when one is not a digit. */
  private static int digits(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The index of the three-letter English name at {@code at}, in any case, or -1 (also for letters
   * outside ASCII, whose case folding is left to the formatter).
   */
  private static int name(String text, int at, String[] names) {
    for (int i = at; i < at + 3; i++) {
      if (text.charAt(i) >= 128) {
        return -1;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (text.regionMatches(true, at, names[i], 0, 3)) {
        return i;
      }
    }
    return -1;
  }
}
