package dev.lagoa.scrape.extract;

import dev.lagoa.core.config.WebCsvOptions;
import dev.lagoa.core.config.WebExtractRule;
import dev.lagoa.scrape.crawl.PageOutcome;
import dev.lagoa.scrape.crawl.PageProcessor;
import dev.lagoa.scrape.fetch.FetchedPage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Reads delimited downloads, decoded from base64 first when the source says the body is. */
public final class CsvPageProcessor implements PageProcessor {
  private final List<CsvRule> rules = new ArrayList<>();
  private final WebCsvOptions options;

  public CsvPageProcessor(List<WebExtractRule> extract, WebCsvOptions options) {
    this.options = options;
    extract.forEach(rule -> rules.add(new CsvRule(rule, options)));
  }

  @Override
  public PageOutcome process(FetchedPage page) {
    URI url = page.requestedUrl();
    byte[] bytes = page.body();
    if (options.base64()) {
      try {
        bytes =
            Base64.getMimeDecoder()
                .decode(new String(bytes, StandardCharsets.US_ASCII).strip().replace("\"", ""));
      } catch (IllegalArgumentException e) {
        throw PageChanged.because(
            "Cannot read %s: its body is not base64 (%s)", url, e.getMessage());
      }
    }
    // The configured encoding wins over the header: downloads are often latin-1 served as anything.
    String text = new String(bytes, options.csv().encoding());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CsvRule rule : rules) {
      if (rule.appliesTo(url)) {
        rows.addAll(rule.rows(text, url));
      }
    }
    return new PageOutcome(rows, List.of());
  }
}
