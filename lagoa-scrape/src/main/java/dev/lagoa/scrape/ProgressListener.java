package dev.lagoa.scrape;

/**
 * Told how a run is going after every page. Called from the crawler's threads, but never by two at
 * once; it should return quickly, since the crawler waits for it.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = progress -> {};

  void onPage(ScrapeProgress progress);
}
