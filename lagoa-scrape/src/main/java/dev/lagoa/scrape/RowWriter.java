package dev.lagoa.scrape;

import dev.lagoa.scrape.crawl.RowSink;
import dev.lagoa.scrape.fetch.FetchedPage;
import dev.lagoa.scrape.output.LandingFile;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a page's rows to the landing file with where and when they were scraped, dropping rows
 * whose key was already written in this run.
 */
final class RowWriter implements RowSink {
  static final String SOURCE_URL = "source_url";
  static final String SCRAPED_AT = "scraped_at_utc";
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final LandingFile file;
  private final List<String> key;
  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  RowWriter(LandingFile file, List<String> key) {
    this.file = file;
    this.key = List.copyOf(key);
  }

  @Override
  public int accept(FetchedPage page, List<Map<String, Object>> rows) {
    String url = page.url().toString();
    String scrapedAt = INSTANT.format(page.fetchedAt());
    int kept = 0;
    for (Map<String, Object> row : rows) {
      if (!key.isEmpty() && !keys.add(keyOf(row))) {
        continue;
      }
      Map<String, Object> landed = new LinkedHashMap<>(row);
      landed.put(SOURCE_URL, url);
      landed.put(SCRAPED_AT, scrapedAt);
      file.write(landed);
      kept++;
    }
    return kept;
  }

  private String keyOf(Map<String, Object> row) {
    StringBuilder result = new StringBuilder();
    for (String field : key) {
      result.append(row.get(field)).append('\u0000');
    }
    return result.toString();
  }
}
