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
import java.util.regex.Pattern;

/** Reads delimited downloads, decoded from base64 first when the source says the body is. */
public final class CsvPageProcessor implements PageProcessor {
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

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
      bytes = decodeBase64(url, bytes);
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

  /**
   * The body decoded from base64 (a JSON string's quotes and line breaks allowed). Strict: the MIME
   * decoder would skip every character outside the alphabet and turn a plain CSV or an HTML error
   * page into garbage bytes that then fail as a missing header column.
   */
  private static byte[] decodeBase64(URI url, byte[] body) {
    String text = new String(body, StandardCharsets.ISO_8859_1).strip();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    }
    String compact = text.replaceAll("\\s+|\\\\r|\\\\n", "");
    if (!BASE64.matcher(compact).matches() || compact.length() % 4 == 1) {
      throw PageChanged.because(
          "Cannot read %s: csv.base64 is set but its body is not base64; it starts with '%s'"
              + " (if the download is plain CSV, set csv.base64: false)",
          url, preview(text));
    }
    try {
      return Base64.getDecoder().decode(compact.replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw PageChanged.because(
          "Cannot read %s: csv.base64 is set but its body is not base64 (%s); it starts with '%s'",
          url, e.getMessage(), preview(text));
    }
  }

  private static String preview(String text) {
    String line = text.lines().findFirst().orElse("");
    String shown = line.length() > 60 ? line.substring(0, 57) + "..." : line;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
