package dev.lagoa.scrape.crawl;

import dev.lagoa.scrape.fetch.FetchedPage;

/**
 * Reads a fetched page: its rows and the links the crawl follows from it. Called by several crawler
 * threads at once.
 */
public interface PageProcessor {
  /**
   * @throws dev.lagoa.core.LagoaException naming the URL and the selector, pointer or column when
   *     the page does not hold what the source declares: the run stops rather than land partial
   *     data
   */
  PageOutcome process(FetchedPage page);
}
