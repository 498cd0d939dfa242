package dev.lagoa.scrape.crawl;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** What one page yields: its rows, in order, and the links to fetch next. */
public record PageOutcome(List<Map<String, Object>> rows, List<URI> links) {
  public PageOutcome {
    rows = List.copyOf(requireNonNull(rows, "rows is null"));
    links = List.copyOf(requireNonNull(links, "links is null"));
  }
}
