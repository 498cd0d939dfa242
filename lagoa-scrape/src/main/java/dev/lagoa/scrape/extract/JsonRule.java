package dev.lagoa.scrape.extract;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.config.SourceFieldScope;
import dev.lagoa.core.config.WebExtractRule;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** An extract rule reading rows from a JSON document: an array at a pointer, fields by pointer. */
final class JsonRule {
  private final WebExtractRule rule;
  private final Pattern pages;
  private final JsonPointer rows;
  private final List<JsonField> fields = new ArrayList<>();

  JsonRule(WebExtractRule rule) {
    this(rule, false);
  }

  /**
   * @param decodeEntities whether text values hold HTML entities, as in JSON embedded in a page
   */
  JsonRule(WebExtractRule rule, boolean decodeEntities) {
    this.rule = rule;
    this.pages = Pattern.compile(rule.pages());
    this.rows = rule.rows().isEmpty() ? JsonPointer.empty() : JsonPointer.compile(rule.rows());
    rule.fields().forEach(field -> fields.add(new JsonField(field, decodeEntities)));
  }

  /** Whether {@code document} has something at this rule's rows pointer. */
  boolean hasRows(JsonNode document) {
    return !document.at(rows).isMissingNode();
  }

  String rowsPointer() {
    return rule.rows().isEmpty() ? "/" : rule.rows();
  }

  boolean appliesTo(URI url) {
    return pages.matcher(url.toString()).find();
  }

  /**
   * @param minRows fewer rows fail the page; the caller lowers it for the empty page that ends an
   *     API listing without a page count
   */
  List<Map<String, Object>> rows(JsonNode document, URI url, int minRows) {
    JsonNode found = document.at(rows);
    List<JsonNode> items = new ArrayList<>();
    if (found.isArray()) {
      found.forEach(items::add);
    } else if (found.isObject() && rule.rows().isEmpty()) {
      items.add(found);
    } else {
      throw PageChanged.because(
          "Cannot extract rows from %s: path %s is %s, not an array of rows",
          url,
          rule.rows().isEmpty() ? "/" : rule.rows(),
          found.isMissingNode()
              ? "missing"
              : found.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    if (items.size() < minRows) {
      throw PageChanged.because(
          "Cannot extract rows from %s: path %s holds %d rows, expected at least %d",
          url, rule.rows(), items.size(), minRows);
    }
    Map<String, Object> pageValues = new LinkedHashMap<>();
    for (JsonField field : fields) {
      if (field.field().scope() == SourceFieldScope.PAGE) {
        pageValues.put(field.field().name(), field.read(document, url));
      }
    }
    List<Map<String, Object>> result = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (JsonField field : fields) {
        String name = field.field().name();
        row.put(
            name,
            field.field().scope() == SourceFieldScope.PAGE
                ? pageValues.get(name)
                : field.read(item, url));
      }
      result.add(row);
    }
    return result;
  }

  int minRows() {
    return rule.minRows();
  }
}
