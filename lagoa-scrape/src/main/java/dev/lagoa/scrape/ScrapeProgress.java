package dev.lagoa.scrape;

import static java.util.Objects.requireNonNull;

/**
 * How far a run is, as a progress bar shows it.
 *
 * @param pages pages fetched and read
 * @param rows rows landed
 * @param errors pages that could not be fetched (after retries)
 * @param blocked links robots.txt disallowed
 * @param pending pages queued or being fetched
 * @param lastUrl the page handled last
 */
public record ScrapeProgress(
    int pages, long rows, int errors, int blocked, int pending, String lastUrl) {
  public ScrapeProgress {
    requireNonNull(lastUrl, "lastUrl is null");
  }
}
