package dev.lagoa.scrape.extract;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/**
 * Errors for a page that does not hold what the source declares: a selector, pointer or column that
 * finds nothing, too few rows, a value of the wrong kind. They are what a changed site looks like,
 * so they stop the run instead of landing empty or partial rows.
 */
final class PageChanged {
  private PageChanged() {}

  static LagoaException because(String format, Object... args) {
    return new LagoaException(ErrorCategory.EXTERNAL, String.format(format, args));
  }

  /** A declared selector is not valid CSS: the configuration's fault, found before any fetch. */
  static LagoaException invalidSelector(String where, String selector, RuntimeException e) {
    return LagoaException.userInput(
        "Cannot use %s: '%s' is not a valid CSS selector: %s", where, selector, e.getMessage());
  }

  static String quoted(Iterable<String> selectors) {
    StringBuilder result = new StringBuilder();
    for (String selector : selectors) {
      result.append(result.length() == 0 ? "" : ", ").append('\'').append(selector).append('\'');
    }
    return result.toString();
  }
}
