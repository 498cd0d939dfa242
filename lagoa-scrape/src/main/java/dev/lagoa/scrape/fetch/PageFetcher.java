package dev.lagoa.scrape.fetch;

import java.net.URI;

/**
 * Fetches pages, one attempt each. Implementations are called by several crawler threads at once
 * and must be thread-safe. Retries, rate limits and robots.txt are the callers' business ({@link
 * RetryingFetcher}, the crawler), so each implementation only has to know its transport.
 */
public interface PageFetcher extends AutoCloseable {
  /**
   * Fetches {@code url} once.
   *
   * @throws FetchException when the page cannot be fetched or the server answers an error status
   */
  FetchedPage fetch(URI url);

  /** Releases connections, browsers and threads. */
  @Override
  void close();
}
