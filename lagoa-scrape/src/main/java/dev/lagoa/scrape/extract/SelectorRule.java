package dev.lagoa.scrape.extract;

import dev.lagoa.core.config.SourceFieldScope;
import dev.lagoa.core.config.WebExtractRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/** An extract rule with declared fields, read from HTML with CSS selectors. */
final class SelectorRule implements HtmlRule {
  private final WebExtractRule rule;
  private final Pattern pages;
  private final Evaluator rows;
  private final List<SelectorField> fields = new ArrayList<>();

  /**
   * @param where the rule's place in the configuration, for error messages: {@code extract[0]}
   */
  SelectorRule(String where, WebExtractRule rule) {
    this.rule = rule;
    this.pages = Pattern.compile(rule.pages());
    try {
      this.rows = rule.rows().isEmpty() ? null : Selector.evaluatorOf(rule.rows());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw PageChanged.invalidSelector(where + ".rows", rule.rows(), e);
    }
    rule.fields().forEach(field -> fields.add(new SelectorField(where, field)));
  }

  @Override
  public boolean appliesTo(URI url) {
    return pages.matcher(url.toString()).find();
  }

  @Override
  public String rowsSelector() {
    return rule.rows();
  }

  /**
   * When the rows are missing from a page that carries its data as JSON for a script framework,
   * they are probably rendered by JavaScript, which html mode does not run.
   */
  private static String renderingHint(Document document) {
    for (String script : List.of("script#__NEXT_DATA__", "script[type=application/ld+json]")) {
      if (document.selectFirst(script) != null) {
        return " (the page has "
            + script
            + ": if its rows are rendered by JavaScript, use mode: browser, or read that JSON"
            + " with an extract rule with script: \""
            + script
            + "\")";
      }
    }
    return "";
  }

  @Override
  public List<Map<String, Object>> rows(Document document, URI url) {
    List<? extends Element> elements = rows == null ? List.of(document) : document.select(rows);
    if (elements.size() < rule.minRows()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: selector '%s' matched %s, expected at least %d%s",
          url,
          rule.rows(),
          elements.isEmpty() ? "nothing" : elements.size() + " elements",
          rule.minRows(),
          elements.isEmpty() ? renderingHint(document) : "");
    }
    Map<String, Object> pageValues = new LinkedHashMap<>();
    for (SelectorField field : fields) {
      if (field.field().scope() == SourceFieldScope.PAGE) {
        pageValues.put(field.field().name(), field.read(document, url));
      }
    }
    List<Map<String, Object>> result = new ArrayList<>(elements.size());
    for (Element element : elements) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (SelectorField field : fields) {
        String name = field.field().name();
        row.put(
            name,
            field.field().scope() == SourceFieldScope.PAGE
                ? pageValues.get(name)
                : field.read(element, url));
      }
      result.add(row);
    }
    return result;
  }
}
