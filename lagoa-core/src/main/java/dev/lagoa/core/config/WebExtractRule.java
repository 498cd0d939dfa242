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
 */
public record WebExtractRule(
    String pages,
    String rows,
    List<WebField> fields,
    int minRows,
    String extractor,
    Map<String, String> options) {
  public WebExtractRule {
    requireNonNull(pages, "pages is null");
    requireNonNull(rows, "rows is null");
    fields = List.copyOf(requireNonNull(fields, "fields is null"));
    requireNonNull(extractor, "extractor is null");
    options = Map.copyOf(requireNonNull(options, "options is null"));
  }

  public boolean usesExtractor() {
    return !extractor.isEmpty();
  }
}
