package dev.lagoa.scrape.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.config.WebExtractRule;
import dev.lagoa.scrape.crawl.ApiPager;
import dev.lagoa.scrape.crawl.PageOutcome;
import dev.lagoa.scrape.crawl.PageProcessor;
import dev.lagoa.scrape.fetch.FetchedPage;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the pages of a JSON API: rows by the extract rules, further pages from the pager. */
public final class JsonPageProcessor implements PageProcessor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonRule> rules = new ArrayList<>();
  private final ApiPager pager;

  public JsonPageProcessor(List<WebExtractRule> extract, ApiPager pager) {
    extract.forEach(rule -> rules.add(new JsonRule(rule)));
    this.pager = pager;
  }

  @Override
  public PageOutcome process(FetchedPage page) {
    URI url = page.requestedUrl();
    JsonNode document;
    try {
      document = JSON.readTree(page.body());
    } catch (JsonProcessingException e) {
      throw PageChanged.because(
          "Cannot read %s: it is not valid JSON: %s", url, e.getOriginalMessage());
    } catch (IOException e) {
      throw PageChanged.because("Cannot read %s: %s", url, e.getMessage());
    }
    boolean mayBeEmpty = pager.endsOnEmptyPage(url);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JsonRule rule : rules) {
      if (rule.appliesTo(url)) {
        rows.addAll(rule.rows(document, url, mayBeEmpty ? 0 : rule.minRows()));
      }
    }
    return new PageOutcome(rows, pager.next(url, document, rows.size()));
  }
}
