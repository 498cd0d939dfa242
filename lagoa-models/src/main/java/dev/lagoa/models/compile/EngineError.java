package dev.lagoa.models.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB error message taken apart: its kind, its first line, the names it suggests, and the line
 * and column it points at in the SQL it was given ({@code LINE 3: ... ^^^}).
 *
 * @param line 1-based line in the SQL, 0 when the message names none
 * @param column 1-based column in that line, 0 when unknown
 */
record EngineError(
    String kind,
    String text,
    List<String> candidates,
    int line,
    int column,
    int length,
    String name) {
  private static final Pattern HEAD = Pattern.compile("^(?:([A-Za-z ]+) Error: )?(.*)$");
  private static final Pattern LINE = Pattern.compile("^LINE (\\d+): (.*)$");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
  private static final List<Pattern> NAMES =
      List.of(
          Pattern.compile("Referenced column \"([^\"]+)\" not found"),
          Pattern.compile("does not have a column named \"([^\"]+)\""),
          Pattern.compile("Could not find key \"([^\"]+)\" in struct"),
          Pattern.compile("with name ([^ ]+) does not exist"),
          Pattern.compile("syntax error at or near \"([^\"]+)\""));

  /** Parses {@code message}, which DuckDB produced for {@code sql}. */
  static EngineError parse(String message, String sql) {
    String[] lines = message.split("\n");
    Matcher head = HEAD.matcher(lines[0].strip());
    head.matches();
    String kind = head.group(1) == null ? "" : head.group(1);
    String text = head.group(2).strip();
    List<String> candidates = new ArrayList<>();
    int line = 0;
    int column = 0;
    int length = 0;
    String[] sqlLines = sql.split("\n", -1);
    for (int i = 1; i < lines.length; i++) {
      String current = lines[i];
      if (current.startsWith("Candidate") || current.startsWith("Did you mean")) {
        Matcher quoted = QUOTED.matcher(current);
        while (quoted.find()) {
          String candidate = quoted.group(1);
          candidates.add(candidate.substring(candidate.lastIndexOf('.') + 1));
        }
      }
      Matcher at = LINE.matcher(current);
      if (at.matches() && i + 1 < lines.length) {
        line = Integer.parseInt(at.group(1));
        int prefix = current.length() - at.group(2).length();
        int caret = lines[i + 1].indexOf('^');
        String shown = at.group(2);
        int shift = 0;
        if (shown.startsWith("...") && line <= sqlLines.length) {
          // DuckDB shows a window of a long line: find where the window starts.
          String window = shown.substring(3);
          if (window.endsWith("...")) {
            window = window.substring(0, window.length() - 3);
          }
          int found = sqlLines[line - 1].indexOf(window);
          shift = found < 0 ? 0 : found - 3;
        }
        column = caret < prefix ? 0 : caret - prefix + shift + 1;
        length = caret < 0 ? 0 : (int) lines[i + 1].chars().filter(c -> c == '^').count();
      }
    }
    String name = "";
    for (Pattern pattern : NAMES) {
      Matcher matcher = pattern.matcher(text);
      if (matcher.find()) {
        name = matcher.group(1);
        break;
      }
    }
    return new EngineError(kind, text, List.copyOf(candidates), line, column, length, name);
  }

  boolean missingColumn() {
    return text.startsWith("Referenced column") || text.contains("does not have a column named");
  }

  boolean missingStructField() {
    return text.startsWith("Could not find key");
  }

  /** The first line, cleaned of DuckDB's exclamation marks, with its suggestion. */
  String plain() {
    String cleaned = text.endsWith("!") ? text.substring(0, text.length() - 1) : text;
    String kindWord = kind.isEmpty() ? "" : kind.toLowerCase(java.util.Locale.ROOT) + " error: ";
    Optional<String> suggestion =
        text.contains("does not exist") && !candidates.isEmpty()
            ? Optional.of(candidates.get(0))
            : Optional.empty();
    return kindWord
        + cleaned
        + suggestion.map(candidate -> " (did you mean " + candidate + "?)").orElse("");
  }
}
