package dev.lagoa.scrape.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.config.WebExtractRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * An extract rule with declared fields read from JSON embedded in the page's scripts ({@code
 * __NEXT_DATA__}, {@code application/ld+json}): rows at a JSON pointer, fields by pointer with the
 * same regex and type conversions as any field, text decoded of HTML entities ({@code &apos;}).
 * Every matching script is read, so a page with several ld+json blocks works: those without the
 * rows pointer are skipped, and the page fails only when none has it.
 */
final class ScriptRule implements HtmlRule {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebExtractRule rule;
  private final Evaluator scripts;
  private final JsonRule json;

  ScriptRule(String where, WebExtractRule rule) {
    this.rule = rule;
    try {
      this.scripts = Selector.evaluatorOf(rule.script());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw PageChanged.invalidSelector(where + ".script", rule.script(), e);
    }
    this.json = new JsonRule(rule, true);
  }

  @Override
  public boolean appliesTo(URI url) {
    return json.appliesTo(url);
  }

  @Override
  public String rowsSelector() {
    return "";
  }

  @Override
  public List<Map<String, Object>> rows(Document document, URI url) {
    Elements found = document.select(scripts);
    if (found.isEmpty()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: script selector '%s' matched nothing", url, rule.script());
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    boolean anyHasRows = false;
    for (Element script : found) {
      JsonNode json1 = parse(url, script.data());
      if (json.hasRows(json1)) {
        anyHasRows = true;
        rows.addAll(json.rows(json1, url, 0));
      }
    }
    if (!anyHasRows) {
      throw PageChanged.because(
          "Cannot extract rows from %s: no script '%s' has %s",
          url, rule.script(), json.rowsPointer());
    }
    if (rows.size() < rule.minRows()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: scripts '%s' hold %d rows at %s, expected at least %d",
          url, rule.script(), rows.size(), json.rowsPointer(), rule.minRows());
    }
    return rows;
  }

  private JsonNode parse(URI url, String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw PageChanged.because(
          "Cannot extract rows from %s: script '%s' holds no valid JSON: %s",
          url, rule.script(), e.getOriginalMessage());
    }
  }
}
