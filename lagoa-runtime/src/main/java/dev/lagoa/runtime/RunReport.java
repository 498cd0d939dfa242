package dev.lagoa.runtime;

import dev.lagoa.ingest.LoadReport;
import dev.lagoa.scrape.ScrapeResult;
import java.util.List;

/** What one {@code lagoa run} did: the web sources it scraped and the landing sources it loaded. */
public record RunReport(List<ScrapeResult> scrapes, List<LoadReport> loads) {
  public RunReport {
    scrapes = List.copyOf(scrapes);
    loads = List.copyOf(loads);
  }
}
