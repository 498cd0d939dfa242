package dev.lagoa.scrape.extract;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jsoup.nodes.Document;

/**
 * A page given to a {@link RowExtractor}: its URL and its parsed HTML (after scripts, in browser
 * mode).
 */
public record HtmlPage(URI url, Document document) {
  public HtmlPage {
    requireNonNull(url, "url is null");
    requireNonNull(document, "document is null");
  }
}
