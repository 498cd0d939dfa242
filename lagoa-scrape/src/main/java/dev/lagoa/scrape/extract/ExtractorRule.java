package dev.lagoa.scrape.extract;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.WebExtractRule;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;

/** An extract rule whose rows come from a {@link RowExtractor}. */
final class ExtractorRule implements HtmlRule {
  /** Extractors that ship with Lagoa, by the short names {@code lagoa.yaml} may use. */
  private static final Map<String, Class<? extends RowExtractor>> BUILT_IN =
      Map.of("embedded-json", EmbeddedJsonExtractor.class);

  private final Pattern pages;
  private final String name;
  private final RowExtractor extractor;

  ExtractorRule(String where, WebExtractRule rule) {
    this.pages = Pattern.compile(rule.pages());
    this.name = rule.extractor();
    this.extractor = instantiate(where, rule.extractor(), rule.options());
  }

  private static RowExtractor instantiate(String where, String name, Map<String, String> options) {
    Class<?> type = BUILT_IN.get(name);
    if (type == null) {
      try {
        type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
      } catch (ClassNotFoundException e) {
        throw LagoaException.userInput(
            "Cannot use %s.extractor '%s': it is neither a built-in extractor (%s) nor a class on"
                + " the class path",
            where, name, String.join(", ", BUILT_IN.keySet()));
      }
    }
    if (!RowExtractor.class.isAssignableFrom(type)) {
      throw LagoaException.userInput(
          "Cannot use %s.extractor '%s': it does not implement %s",
          where, name, RowExtractor.class.getName());
    }
    try {
      try {
        Constructor<?> withOptions = type.getConstructor(Map.class);
        return (RowExtractor) withOptions.newInstance(options);
      } catch (NoSuchMethodException e) {
        if (!options.isEmpty()) {
          throw LagoaException.userInput(
              "Cannot use %s.extractor '%s': it takes no options but was given %s",
              where, name, options.keySet());
        }
        return (RowExtractor) type.getConstructor().newInstance();
      }
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof LagoaException lagoa) {
        throw lagoa;
      }
      throw LagoaException.userInput(
          "Cannot use %s.extractor '%s': its constructor failed: %s", where, name, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw LagoaException.userInput(
          "Cannot use %s.extractor '%s': it needs a public constructor taking Map<String, String>"
              + " options, or none (%s)",
          where, name, e);
    }
  }

  @Override
  public boolean appliesTo(URI url) {
    return pages.matcher(url.toString()).find();
  }

  @Override
  public String rowsSelector() {
    return "";
  }

  @Override
  public List<Map<String, Object>> rows(Document document, URI url) {
    List<Map<String, Object>> rows = extractor.extract(new HtmlPage(url, document));
    if (rows.isEmpty()) {
      throw PageChanged.because(
          "Cannot extract rows from %s: extractor %s returned none", url, name);
    }
    return rows;
  }
}
