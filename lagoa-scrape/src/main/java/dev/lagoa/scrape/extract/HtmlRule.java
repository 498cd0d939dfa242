package dev.lagoa.scrape.extract;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;

/** A way of reading rows from HTML pages: declared selectors or a {@link RowExtractor}. */
interface HtmlRule {
  boolean appliesTo(URI url);

  /** The CSS selector of this rule's row elements, or empty when it has none. */
  String rowsSelector();

  /**
   * @throws dev.lagoa.core.LagoaException when the page does not hold what the rule expects
   */
  List<Map<String, Object>> rows(Document document, URI url);
}
