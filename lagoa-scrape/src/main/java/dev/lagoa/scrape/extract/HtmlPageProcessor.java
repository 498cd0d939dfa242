package dev.lagoa.scrape.extract;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.WebExtractRule;
import dev.lagoa.scrape.crawl.LinkFollower;
import dev.lagoa.scrape.crawl.PageOutcome;
import dev.lagoa.scrape.crawl.PageProcessor;
import dev.lagoa.scrape.fetch.FetchedPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads HTML pages (fetched plainly or rendered by a browser): rows by the extract rules, links by
 * the follow rules.
 */
public final class HtmlPageProcessor implements PageProcessor {
  private final List<HtmlRule> rules = new ArrayList<>();
  private final LinkFollower links;

  /**
   * @throws dev.lagoa.core.LagoaException when a selector is not valid CSS or an extractor cannot
   *     be created: before anything is fetched
   */
  public HtmlPageProcessor(List<WebExtractRule> extract, LinkFollower links) {
    for (int i = 0; i < extract.size(); i++) {
      rules.add(rule("extract[" + i + "]", extract.get(i)));
    }
    this.links = links;
  }

  private static HtmlRule rule(String where, WebExtractRule rule) {
    if (rule.hasAlternatives()) {
      List<HtmlRule> alternatives = new ArrayList<>();
      for (int i = 0; i < rule.alternatives().size(); i++) {
        alternatives.add(rule(where + ".first_of[" + i + "]", rule.alternatives().get(i)));
      }
      return new AlternativesRule(rule.pages(), alternatives);
    }
    if (rule.usesExtractor()) {
      return new ExtractorRule(where, rule);
    }
    return rule.readsScript() ? new ScriptRule(where, rule) : new SelectorRule(where, rule);
  }

  /** The row selector of the first rule for {@code url} that has one, or empty. */
  public String rowsSelector(URI url) {
    return rules.stream()
        .filter(rule -> rule.appliesTo(url) && !rule.rowsSelector().isEmpty())
        .map(HtmlRule::rowsSelector)
        .findFirst()
        .orElse("");
  }

  @Override
  public PageOutcome process(FetchedPage page) {
    Document document = parse(page);
    URI url = page.requestedUrl();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (HtmlRule rule : rules) {
      if (rule.appliesTo(url)) {
        rows.addAll(rule.rows(document, url));
      }
    }
    return new PageOutcome(rows, links.links(document, url));
  }

  private static Document parse(FetchedPage page) {
    // Without a charset in the header jsoup reads the page's <meta charset> or byte order mark.
    Optional<Charset> charset = page.charset();
    try {
      return Jsoup.parse(
          new ByteArrayInputStream(page.body()),
          charset.map(Charset::name).orElse(null),
          page.url().toString());
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot parse %s: %s", page.url(), e.getMessage());
    }
  }
}
