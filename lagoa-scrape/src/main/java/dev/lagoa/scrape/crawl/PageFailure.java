package dev.lagoa.scrape.crawl;

import static java.util.Objects.requireNonNull;

/**
 * A page the crawl could not fetch (after retries), within the error budget.
 *
 * @param url the page's URL
 * @param error why, as {@code Cannot fetch <url>: HTTP 404}
 */
public record PageFailure(String url, String error) {
  public PageFailure {
    requireNonNull(url, "url is null");
    requireNonNull(error, "error is null");
  }
}
