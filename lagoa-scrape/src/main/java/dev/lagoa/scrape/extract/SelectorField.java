package dev.lagoa.scrape.extract;

import dev.lagoa.core.config.SourceField;
import dev.lagoa.core.config.SourceFieldType;
import dev.lagoa.core.fields.FieldConverter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/** One declared field of an HTML rule, its selectors parsed once. */
final class SelectorField {
  private final FieldConverter converter;
  private final List<Evaluator> selectors = new ArrayList<>();

  SelectorField(String where, SourceField field) {
    this.converter = new FieldConverter(field);
    for (String selector : field.from()) {
      try {
        selectors.add(Selector.evaluatorOf(selector));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw PageChanged.invalidSelector(
            where + ".fields." + field.name() + ".selector", selector, e);
      }
    }
  }

  SourceField field() {
    return converter.field();
  }

  /**
   * The field's value inside {@code scope} (a row element or the document); null for an optional
   * field that matched nothing.
   */
  Object read(Element scope, URI url) {
    SourceField field = converter.field();
    Element element = find(scope);
    if (element == null) {
      return missing(url, "selector " + PageChanged.quoted(field.from()) + " matched nothing");
    }
    String raw;
    if (field.attribute().isEmpty()) {
      raw = element.text();
    } else if (element.hasAttr(field.attribute())) {
      // A link is resolved the way the browser would: against the page's <base href>, if any.
      raw =
          field.type() == SourceFieldType.URL && !element.absUrl(field.attribute()).isEmpty()
              ? element.absUrl(field.attribute())
              : element.attr(field.attribute());
    } else {
      return missing(
          url, "the element " + describe() + " has no attribute '" + field.attribute() + "'");
    }
    Optional<Object> value;
    try {
      value = converter.convert(raw, url);
    } catch (FieldConverter.ConversionException e) {
      throw PageChanged.because(
          "Cannot extract field %s from %s: %s (selector %s)",
          field.name(), url, e.getMessage(), describe());
    }
    if (value.isEmpty()) {
      return missing(
          url,
          "selector "
              + describe()
              + " found '"
              + raw.strip()
              + "', which holds no value"
              + converter.regexDescription());
    }
    return value.get();
  }

  private Element find(Element scope) {
    if (selectors.isEmpty()) {
      return scope;
    }
    for (Evaluator selector : selectors) {
      Element found = scope.selectFirst(selector);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private String describe() {
    return selectors.isEmpty() ? "(the row itself)" : PageChanged.quoted(converter.field().from());
  }

  private Object missing(URI url, String reason) {
    if (converter.field().required()) {
      throw PageChanged.because(
          "Cannot extract field %s from %s: %s", converter.field().name(), url, reason);
    }
    return null;
  }
}
