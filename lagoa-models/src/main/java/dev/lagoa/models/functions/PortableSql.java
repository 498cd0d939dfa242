package dev.lagoa.models.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rewrites calls of Spark functions whose DuckDB equivalent needs another spelling, so that model
 * SQL written for Spark runs in DuckDB at native speed:
 *
 * <ul>
 *   <li>{@code to_timestamp(x, 'pattern')} → {@code CAST(try_strptime(CAST(x AS VARCHAR),
 *       '<codes>') AS TIMESTAMP)}
 *   <li>{@code to_date(x, 'pattern')} → the same, cast to DATE; {@code to_date(x)} → {@code CAST(x
 *       AS DATE)}
 *   <li>{@code date_format(x, 'pattern')} → {@code strftime(CAST(x AS TIMESTAMP), '<codes>')}
 *   <li>{@code datediff(end, start)} → {@code date_diff('day', CAST(start AS DATE), CAST(end AS
 *       DATE))}
 * </ul>
 *
 * Only calls whose pattern is a string literal that {@link JavaDatePatterns} can translate are
 * rewritten; the others stay as written and reach the Java functions {@link SparkFunctions}
 * registers. Strings, quoted identifiers and comments are skipped, so text inside them is never
 * touched.
 *
 * <p>{@link #forSpark} is the other direction: model SQL runs on Spark as written, except the
 * parsing calls Spark 4 refuses ({@code to_timestamp}/{@code to_date} with a pattern holding {@code
 * E}, {@code F}, {@code q} or {@code Q}, e.g. {@code 'EEE, dd MMM yyyy HH:mm:ss'}: Spark's
 * INVALID_DATETIME_PATTERN), which become {@code lagoa_to_timestamp}/{@code lagoa_to_date}, Java
 * functions the Spark job registers with the semantics of {@link JavaDatePatterns}; and {@code
 * timestamp_seconds(n)}, which is a TIMESTAMP without time zone on DuckDB (see {@link
 * SparkFunctions}) but Spark's TIMESTAMP with local time zone whatever {@code
 * spark.sql.timestampType} says: it becomes {@code CAST(timestamp_seconds(n) AS TIMESTAMP_NTZ)}
 * (the job's session time zone is UTC), so both engines write the same Iceberg type.
 */
public final class PortableSql {
  private PortableSql() {}

  public static String rewrite(String sql) {
    return rewrite(sql, false);
  }

  /** Model SQL as Spark runs it (see the class comment). */
  public static String forSpark(String sql) {
    return rewrite(sql, true);
  }

  private static String rewrite(String sql, boolean spark) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        out.append(sql, i, skipped);
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (!isIdentifierStart(c)
          || (i > 0 && (isIdentifierPart(sql.charAt(i - 1)) || sql.charAt(i - 1) == '.'))) {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      while (end < sql.length() && isIdentifierPart(sql.charAt(end))) {
        end++;
      }
      String word = sql.substring(i, end);
      int open = end;
      while (open < sql.length() && Character.isWhitespace(sql.charAt(open))) {
        open++;
      }
      String function = word.toLowerCase(Locale.ROOT);
      if (open < sql.length()
          && sql.charAt(open) == '('
          && (spark ? isRewrittenForSpark(function) : isRewritten(function))) {
        int close = matchingParenthesis(sql, open);
        if (close > 0) {
          List<String> arguments = new ArrayList<>();
          for (String argument : splitArguments(sql.substring(open + 1, close))) {
            arguments.add(rewrite(argument, spark));
          }
          out.append(
              (spark ? sparkReplacement(function, arguments) : replacement(function, arguments))
                  .orElse(word + "(" + String.join(",", arguments) + ")"));
          i = close + 1;
          continue;
        }
      }
      out.append(word);
      i = end;
    }
    return out.toString();
  }

  private static boolean isRewritten(String function) {
    return switch (function) {
      case "to_timestamp", "to_date", "date_format", "datediff" -> true;
      default -> false;
    };
  }

  private static boolean isRewrittenForSpark(String function) {
    return function.equals("to_timestamp")
        || function.equals("to_date")
        || function.equals("timestamp_seconds");
  }

  /**
   * A parsing call Spark 4 refuses, as a call of the Spark job's Java function; {@code
   * timestamp_seconds} as a timestamp without time zone.
   */
  private static Optional<String> sparkReplacement(String function, List<String> arguments) {
    if (function.equals("timestamp_seconds")) {
      return arguments.size() == 1
          ? Optional.of("CAST(timestamp_seconds(" + arguments.get(0) + ") AS TIMESTAMP_NTZ)")
          : Optional.empty();
    }
    if (arguments.size() != 2) {
      return Optional.empty();
    }
    Optional<String> pattern = stringLiteral(arguments.get(1));
    if (pattern.isPresent() && !hasLetterSparkCannotParse(pattern.get())) {
      return Optional.empty();
    }
    return Optional.of(
        "lagoa_"
            + function
            + "(CAST("
            + arguments.get(0).trim()
            + " AS STRING), "
            + arguments.get(1).trim()
            + ")");
  }

  /** Whether an unquoted E, F, q or Q appears: letters Spark 4 only formats with. */
  private static boolean hasLetterSparkCannotParse(String pattern) {
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && (c == 'E' || c == 'F' || c == 'q' || c == 'Q')) {
        return true;
      }
    }
    return false;
  }

  private static Optional<String> replacement(String function, List<String> arguments) {
    if (function.equals("datediff") && arguments.size() == 2) {
      return Optional.of(
          "date_diff('day', CAST("
              + arguments.get(1).trim()
              + " AS DATE), CAST("
              + arguments.get(0).trim()
              + " AS DATE))");
    }
    if (function.equals("to_date") && arguments.size() == 1) {
      return Optional.of("CAST(" + arguments.get(0).trim() + " AS DATE)");
    }
    if (arguments.size() != 2) {
      return Optional.empty();
    }
    Optional<String> format =
        stringLiteral(arguments.get(1)).flatMap(JavaDatePatterns::toDuckFormat);
    if (format.isEmpty()) {
      return Optional.empty();
    }
    String value = arguments.get(0).trim();
    String codes = "'" + format.get().replace("'", "''") + "'";
    return switch (function) {
      case "to_timestamp" ->
          Optional.of(
              "CAST(try_strptime(CAST(" + value + " AS VARCHAR), " + codes + ") AS TIMESTAMP)");
      case "to_date" ->
          Optional.of("CAST(try_strptime(CAST(" + value + " AS VARCHAR), " + codes + ") AS DATE)");
      case "date_format" ->
          Optional.of("strftime(CAST(" + value + " AS TIMESTAMP), " + codes + ")");
      default -> Optional.empty();
    };
  }

  private static Optional<String> stringLiteral(String argument) {
    String trimmed = argument.trim();
    if (trimmed.length() < 2
        || trimmed.charAt(0) != '\''
        || trimmed.charAt(trimmed.length() - 1) != '\'') {
      return Optional.empty();
    }
    String body = trimmed.substring(1, trimmed.length() - 1);
    if (body.replace("''", "").contains("'")) {
      return Optional.empty(); // two literals, e.g. 'a' || 'b'
    }
    return Optional.of(body.replace("''", "'"));
  }

  /** The index after a string, quoted identifier or comment starting at {@code i}, or {@code i}. */
  private static int skipQuotedOrComment(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '\'' || c == '"' || c == '`') {
      int j = i + 1;
      while (j < sql.length()) {
        if (sql.charAt(j) == c) {
          if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return sql.length();
    }
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end;
    }
    if (sql.startsWith("/*", i)) {
      int end = sql.indexOf("*/", i + 2);
      return end < 0 ? sql.length() : end + 2;
    }
    return i;
  }

  private static int matchingParenthesis(String sql, int open) {
    int depth = 0;
    int i = open;
    while (i < sql.length()) {
      int skipped = skipQuotedOrComment(sql, i);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static List<String> splitArguments(String text) {
    List<String> arguments = new ArrayList<>();
    int depth = 0;
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      int skipped = skipQuotedOrComment(text, i);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      char c = text.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        arguments.add(text.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    if (!text.isBlank() || !arguments.isEmpty()) {
      arguments.add(text.substring(start));
    }
    return arguments;
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
