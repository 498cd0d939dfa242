package dev.lagoa.scrape.extract;

import dev.lagoa.core.LagoaException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;

/**
 * {@code first_of}: rules tried in order on each page, the first that yields rows winning — the
 * rendered rows, else {@code __NEXT_DATA__}, else ld+json. The page fails only when every
 * alternative fails, and the message gives each one's reason.
 */
final class AlternativesRule implements HtmlRule {
  private final Pattern pages;
  private final List<HtmlRule> alternatives;

  AlternativesRule(String pages, List<HtmlRule> alternatives) {
    this.pages = Pattern.compile(pages);
    this.alternatives = List.copyOf(alternatives);
  }

  @Override
  public boolean appliesTo(URI url) {
    return pages.matcher(url.toString()).find();
  }

  @Override
  public String rowsSelector() {
    return alternatives.stream()
        .map(HtmlRule::rowsSelector)
        .filter(selector -> !selector.isEmpty())
        .findFirst()
        .orElse("");
  }

  @Override
  public List<Map<String, Object>> rows(Document document, URI url) {
    List<String> reasons = new ArrayList<>();
    for (int i = 0; i < alternatives.size(); i++) {
      HtmlRule alternative = alternatives.get(i);
      if (!alternative.appliesTo(url)) {
        reasons.add("first_of[" + i + "] does not apply to this page");
        continue;
      }
      try {
        List<Map<String, Object>> rows = alternative.rows(document, url);
        if (!rows.isEmpty()) {
          return rows;
        }
        reasons.add("first_of[" + i + "] found no rows");
      } catch (LagoaException e) {
        if (e.category() != dev.lagoa.core.ErrorCategory.EXTERNAL) {
          throw e;
        }
        reasons.add("first_of[" + i + "]: " + e.getMessage());
      }
    }
    throw PageChanged.because(
        "Cannot extract rows from %s: no alternative of first_of yielded rows (%s)",
        url, String.join("; ", reasons));
  }
}
