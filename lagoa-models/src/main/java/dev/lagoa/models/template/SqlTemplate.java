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
 */
public final class SqlTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final String NAME = "\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*";
  private static final Pattern REF = Pattern.compile("\\s*ref\\s*\\(" + NAME + "\\)\\s*");
  private static final Pattern SOURCE =
      Pattern.compile("\\s*source\\s*\\(" + NAME + "," + NAME + "\\)\\s*");
  private static final Pattern THIS = Pattern.compile("\\s*this\\s*");

  private final List<Object> parts;

  private SqlTemplate(List<Object> parts) {
    this.parts = parts;
  }

  /**
   * Parses a template. {@code origin} names it in errors ({@code models/silver/cars.sql}).
   *
   * @throws LagoaException when a placeholder is not one of the three supported forms
   */
  public static SqlTemplate parse(String text, String origin) {
    requireNonNull(text, "text is null");
    int statementTag = text.indexOf("{%");
    if (statementTag >= 0) {
      throw LagoaException.userInput(
          "Cannot read model %s line %d: '{%%' blocks are not supported; a model is SQL with {{ ref('model') }},"
              + " {{ source('source', 'table') }} and {{ this }} only",
          origin, lineOf(text, statementTag));
    }
    List<Object> parts = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    int last = 0;
    while (matcher.find()) {
      parts.add(text.substring(last, matcher.start()));
      parts.add(reference(matcher.group(1), origin, lineOf(text, matcher.start())));
      last = matcher.end();
    }
    parts.add(text.substring(last));
    return new SqlTemplate(List.copyOf(parts));
  }

  private static TemplateReference reference(String expression, String origin, int line) {
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
        "Cannot read model %s line %d: {{%s}} is not supported, expected {{ ref('model') }},"
            + " {{ source('source', 'table') }} or {{ this }}",
        origin, line, expression);
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

  /** Every placeholder, in order of first appearance. */
  public Set<TemplateReference> references() {
    Set<TemplateReference> references = new LinkedHashSet<>();
    for (Object part : parts) {
      if (part instanceof TemplateReference reference) {
        references.add(reference);
      }
    }
    return references;
  }

  /** The SQL with each placeholder replaced by the relation {@code resolver} names for it. */
  public String render(Function<TemplateReference, String> resolver) {
    StringBuilder sql = new StringBuilder();
    for (Object part : parts) {
      sql.append(
          part instanceof TemplateReference reference ? resolver.apply(reference) : (String) part);
    }
    return sql.toString();
  }
}
