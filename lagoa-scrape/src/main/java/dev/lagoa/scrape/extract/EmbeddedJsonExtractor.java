package dev.lagoa.scrape.extract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.fields.JsonValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * Reads rows from JSON embedded in a page's scripts, such as Next.js's {@code __NEXT_DATA__} or
 * schema.org's {@code application/ld+json}, which often hold rows the markup does not show.
 * Options:
 *
 * <ul>
 *   <li>{@code script}: CSS selector of the script elements, {@code script#__NEXT_DATA__} by
 *       default; every matching script is read, so several ld+json blocks work
 *   <li>{@code rows}: JSON pointer to the array of rows, required
 *   <li>{@code optional}: comma-separated names of fields a row may lack (they land as null)
 *   <li>any other option is a field: its name, and a JSON pointer into each row ({@code title:
 *       /titleText}); values keep their JSON type, and JSON {@code null} lands as null. A pointer
 *       that finds nothing in a row fails the page, as a CSS selector that matches nothing does,
 *       unless the field is optional
 * </ul>
 *
 * <p>For regex, type conversion or HTML-entity decoding, declare the rule with {@code script} and
 * {@code fields} instead (see the module README).
 */
public final class EmbeddedJsonExtractor implements RowExtractor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String script;
  private final Evaluator scripts;
  private final String rowsPointer;
  private final JsonPointer rows;
  private final Map<String, JsonPointer> fields = new LinkedHashMap<>();
  private final Set<String> optional = new HashSet<>();

  public EmbeddedJsonExtractor(Map<String, String> options) {
    this.script = options.getOrDefault("script", "script#__NEXT_DATA__");
    try {
      this.scripts = Selector.evaluatorOf(script);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw PageChanged.invalidSelector("embedded-json option script", script, e);
    }
    this.rowsPointer = options.getOrDefault("rows", "");
    this.rows = pointer("rows", rowsPointer);
    options.forEach(
        (name, value) -> {
          if (!name.equals("script") && !name.equals("rows") && !name.equals("optional")) {
            fields.put(name, pointer(name, value));
          }
        });
    for (String name : options.getOrDefault("optional", "").split(",")) {
      if (name.isBlank()) {
        continue;
      }
      if (!fields.containsKey(name.strip())) {
        throw LagoaException.userInput(
            "Cannot use extractor embedded-json: option optional names '%s', which is not a field"
                + " (fields: %s)",
            name.strip(), String.join(", ", fields.keySet()));
      }
      optional.add(name.strip());
    }
    if (fields.isEmpty()) {
      throw LagoaException.userInput(
          "Cannot use extractor embedded-json: its options name no field (add one such as title:"
              + " /titleText)");
    }
  }

  private static JsonPointer pointer(String option, String value) {
    if (!value.startsWith("/")) {
      throw LagoaException.userInput(
          "Cannot use extractor embedded-json: option %s was '%s' but it must be a JSON pointer"
              + " such as /props/items",
          option, value);
    }
    return JsonPointer.compile(value);
  }

  @Override
  public List<Map<String, Object>> extract(HtmlPage page) {
    Elements found = page.document().select(scripts);
    if (found.isEmpty()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: selector '%s' matched nothing", page.url(), script);
    }
    List<Map<String, Object>> result = new ArrayList<>();
    for (Element element : found) {
      JsonNode document = parse(page, element.data());
      JsonNode items = document.at(rows);
      if (items.isArray()) {
        for (JsonNode item : items) {
          result.add(row(page, item, result.size()));
        }
      }
    }
    if (result.isEmpty()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: no script '%s' has an array of rows at %s",
          page.url(), script, rowsPointer);
    }
    return result;
  }

  private JsonNode parse(HtmlPage page, String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw PageChanged.because(
          "Cannot extract rows from %s: script '%s' holds no valid JSON: %s",
          page.url(), script, e.getOriginalMessage());
    }
  }

  private Map<String, Object> row(HtmlPage page, JsonNode item, int index) {
    Map<String, Object> row = new LinkedHashMap<>();
    fields.forEach(
        (name, pointer) -> {
          JsonNode value = item.at(pointer);
          if (value.isMissingNode() && !optional.contains(name)) {
            throw PageChanged.because(
                "Cannot extract field %s from %s: path %s matched nothing in row %d at %s of"
                    + " script '%s' (list it in option optional if rows may lack it)",
                name, page.url(), pointer, index + 1, rowsPointer, script);
          }
          row.put(name, JsonValues.scalar(value));
        });
    return row;
  }
}
