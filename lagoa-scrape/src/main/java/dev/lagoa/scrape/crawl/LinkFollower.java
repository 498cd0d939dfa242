package dev.lagoa.scrape.crawl;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.WebLinkRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/** Picks the links of an HTML page the crawl follows, by the source's follow rules. */
public final class LinkFollower {
  private final List<CompiledRule> rules = new ArrayList<>();

  private record CompiledRule(
      WebLinkRule rule, Evaluator selector, Pattern pattern, Pattern pages) {}

  public LinkFollower(List<WebLinkRule> rules) {
    for (int i = 0; i < rules.size(); i++) {
      WebLinkRule rule = rules.get(i);
      Evaluator selector;
      try {
        selector = Selector.evaluatorOf(rule.selector());
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw LagoaException.userInput(
            "Cannot use follow[%d].selector: '%s' is not a valid CSS selector: %s",
            i, rule.selector(), e.getMessage());
      }
      this.rules.add(
          new CompiledRule(
              rule, selector, Pattern.compile(rule.pattern()), Pattern.compile(rule.pages())));
    }
  }

  /**
   * The absolute links (without fragments) the rules pick from {@code document}, in page order.
   *
   * @throws LagoaException when a required rule's selector matches nothing on a page it applies to
   */
  public List<URI> links(Document document, URI url) {
    Set<URI> links = new LinkedHashSet<>();
    for (CompiledRule compiled : rules) {
      if (!compiled.pages().matcher(url.toString()).find()) {
        continue;
      }
      Elements elements = document.select(compiled.selector());
      if (elements.isEmpty() && compiled.rule().required()) {
        throw new LagoaException(
            ErrorCategory.EXTERNAL,
            "Cannot follow links from "
                + url
                + ": selector '"
                + compiled.rule().selector()
                + "' matched nothing");
      }
      for (Element element : elements) {
        String href = element.absUrl("href");
        if (href.isEmpty()) {
          continue;
        }
        int hash = href.indexOf('#');
        String link = hash < 0 ? href : href.substring(0, hash);
        if (compiled.pattern().matcher(link).find()) {
          parse(link).ifPresent(links::add);
        }
      }
    }
    return List.copyOf(links);
  }

  private static java.util.Optional<URI> parse(String link) {
    try {
      return java.util.Optional.of(new URI(link).normalize());
    } catch (URISyntaxException e) {
      return java.util.Optional.empty(); // a malformed href on the site: not a page to crawl
    }
  }
}
