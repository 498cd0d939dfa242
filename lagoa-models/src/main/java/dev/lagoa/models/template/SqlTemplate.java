package dev.lagoa.models.template;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model SQL with {@code {{ ref('model') }}}, {@code {{ source('source', 'table') }}} and {@code {{
 * this }}} placeholders. Nothing else of Jinja is supported, on purpose: a model is plain SQL that
 * any engine runs once the placeholders name tables, and everything a run needs to know (which
 * models and tables it reads) is visible without executing anything.
 *
 * <p>The template remembers where each placeholder was written, and its rendering maps every line
 * back to the user's file, so an error the engine reports in the rendered SQL is shown at the
 * user's line.
 */
public final class SqlTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final String NAME = "\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*";
  private static final Pattern REF = Pattern.compile("\\s*ref\\s*\\(" + NAME + "\\)\\s*");
  private static final Pattern SOURCE =
      Pattern.compile("\\s*source\\s*\\(" + NAME + "," + NAME + "\\)\\s*");
  private static final Pattern THIS = Pattern.compile("\\s*this\\s*");

  /** A placeholder and where it was written (1-based line and column in the parsed text). */
  public record Placeholder(TemplateReference reference, int line, int column, String text) {
    public Placeholder {
      requireNonNull(reference, "reference is null");
      requireNonNull(text, "text is null");
    }
  }

  /**
   * Rendered SQL and, for each of its lines, the line of the template it comes from.
   *
   * @param lines {@code lines[i]} is the template line of rendered line {@code i + 1}
   */
  public record Rendered(String sql, int[] lines) {
    /** The template line of rendered line {@code line} (1-based); the last line beyond the end. */
    public int templateLine(int line) {
      if (lines.length == 0) {
        return 1;
      }
      return lines[Math.max(0, Math.min(line, lines.length) - 1)];
    }
  }

  private final String text;
  private final int bodyStart;
  private final List<Object> parts;

  private SqlTemplate(String text, int bodyStart, List<Object> parts) {
    this.text = text;
    this.bodyStart = bodyStart;
    this.parts = parts;
  }

  /**
   * Parses a template. {@code origin} names it in errors ({@code models/silver/cars.sql}).
   *
   * @throws LagoaException when a placeholder is not one of the three supported forms
   */
  public static SqlTemplate parse(String text, String origin) {
    return parse(text, origin, 0);
  }

  /**
   * Parses a template whose first {@code literalPrefix} characters are plain text even if they hold
   * braces: a model's {@code /* lagoa: ...} header, whose tests may say {@code {{ this }}} for the
   * test's own query, not the model's.
   */
  public static SqlTemplate parse(String text, String origin, int literalPrefix) {
    requireNonNull(text, "text is null");
    int statementTag = text.indexOf("{%", literalPrefix);
    if (statementTag >= 0) {
      throw LagoaException.userInput(
          "%s:%d:%d: '{%%' blocks are not supported; a model is SQL with {{ ref('model') }},"
              + " {{ source('source', 'table') }} and {{ this }} only",
          origin, lineOf(text, statementTag), columnOf(text, statementTag));
    }
    List<Object> parts = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    int last = 0;
    int from = literalPrefix;
    while (from <= text.length() && matcher.find(from)) {
      parts.add(text.substring(last, matcher.start()));
      int line = lineOf(text, matcher.start());
      int column = columnOf(text, matcher.start());
      parts.add(
          new Placeholder(
              reference(matcher.group(1), origin, line, column), line, column, matcher.group()));
      last = matcher.end();
      from = matcher.end();
    }
    parts.add(text.substring(last));
    return new SqlTemplate(text, Math.min(literalPrefix, text.length()), List.copyOf(parts));
  }

  private static TemplateReference reference(
      String expression, String origin, int line, int column) {
    Matcher ref = REF.matcher(expression);
    if (ref.matches()) {
      return new TemplateReference.Ref(either(ref, 1));
    }
    Matcher source = SOURCE.matcher(expression);
    if (source.matches()) {
      return new TemplateReference.Source(either(source, 1), either(source, 3));
    }
    if (THIS.matcher(expression).matches()) {
      return new TemplateReference.This();
    }
    throw LagoaException.userInput(
        "%s:%d:%d: {{%s}} is not supported, expected {{ ref('model') }},"
            + " {{ source('source', 'table') }} or {{ this }}",
        origin, line, column, expression);
  }

  private static String either(Matcher matcher, int group) {
    return matcher.group(group) != null ? matcher.group(group) : matcher.group(group + 1);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int columnOf(String text, int offset) {
    return offset - text.lastIndexOf('\n', offset - 1);
  }

  /** The template's text as written. */
  public String text() {
    return text;
  }

  /** Where the SQL starts after the literal header: offset in {@link #text()}. */
  public int bodyStart() {
    return bodyStart;
  }

  /** Every placeholder, in order of first appearance. */
  public Set<TemplateReference> references() {
    Set<TemplateReference> references = new LinkedHashSet<>();
    for (Placeholder placeholder : placeholders()) {
      references.add(placeholder.reference());
    }
    return references;
  }

  /** Every placeholder with its position, in order. */
  public List<Placeholder> placeholders() {
    List<Placeholder> placeholders = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Placeholder placeholder) {
        placeholders.add(placeholder);
      }
    }
    return placeholders;
  }

  /** The SQL with each placeholder replaced by the relation {@code resolver} names for it. */
  public String render(Function<TemplateReference, String> resolver) {
    return renderMapped(resolver).sql();
  }

  /** As {@link #render}, with the template line of every rendered line. */
  public Rendered renderMapped(Function<TemplateReference, String> resolver) {
    StringBuilder sql = new StringBuilder();
    List<Integer> lines = new ArrayList<>();
    int templateLine = 1;
    lines.add(templateLine);
    for (Object part : parts) {
      String written;
      String rendered;
      if (part instanceof Placeholder placeholder) {
        written = placeholder.text();
        rendered = resolver.apply(placeholder.reference());
      } else {
        written = (String) part;
        rendered = written;
      }
      // Text keeps its lines; a placeholder spanning lines renders on its first one.
      int renderedNewlines = (int) rendered.chars().filter(c -> c == '\n').count();
      int writtenNewlines = (int) written.chars().filter(c -> c == '\n').count();
      for (int i = 0; i < renderedNewlines; i++) {
        lines.add(templateLine + Math.min(i + 1, writtenNewlines));
      }
      templateLine += writtenNewlines;
      sql.append(rendered);
    }
    return new Rendered(sql.toString(), lines.stream().mapToInt(Integer::intValue).toArray());
  }
}
