package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * How rows are read from the pages whose URL matches {@code pages}: either declared fields inside
 * each element matched by {@code rows}, or a Java extractor.
 *
 * @param pages a regular expression found in the URLs of the pages this rule reads; empty means all
 * @param rows a CSS selector (html, browser) or JSON pointer (json) of the rows; empty means the
 *     whole page (or the JSON root) is one row, and in csv mode every line is a row
 * @param minRows a page with fewer rows fails the run: the markup changed
 * @param extractor the name or class of a {@code RowExtractor}; empty when fields are declared
 * @param options settings passed to the extractor
 * @param script html and browser modes: a CSS selector of script elements holding JSON ({@code
 *     script#__NEXT_DATA__}, {@code script[type=application/ld+json]}); then {@code rows} is a JSON
 *     pointer and fields are read by {@code path}; empty for rules reading the markup
 * @param alternatives rules tried in order on each page, the first that yields rows winning
 *     (rendered rows, else {@code __NEXT_DATA__}, else ld+json); empty for a plain rule
 */
public record WebExtractRule(
    String pages,
    String rows,
    List<SourceField> fields,
    int minRows,
    String extractor,
    Map<String, String> options,
    String script,
    List<WebExtractRule> alternatives) {
  public WebExtractRule {
    requireNonNull(pages, "pages is null");
    requireNonNull(rows, "rows is null");
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    requireNonNull(extractor, "extractor is null");
    options = Map.copyOf(requireNonNull(options, "options is null"));
    requireNonNull(script, "script is null");
    alternatives = List.copyOf(requireNonNull(alternatives, "alternatives is null"));
  }

  /** A rule reading the markup, or a JSON API's answer. */
  public WebExtractRule(
      String pages,
      String rows,
      List<SourceField> fields,
      int minRows,
      String extractor,
      Map<String, String> options) {
    this(pages, rows, fields, minRows, extractor, options, "", List.of());
  }

  public boolean readsScript() {
    return !script.isEmpty();
  }

  public boolean hasAlternatives() {
    return !alternatives.isEmpty();
  }

  public boolean usesExtractor() {
    return !extractor.isEmpty();
  }
}
