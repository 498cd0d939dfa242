package dev.lagoa.scrape.crawl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How far a crawl got.
 *
 * @param pages pages fetched and read
 * @param rows rows kept
 * @param errors pages that could not be fetched, each as its error message
 * @param blocked links robots.txt disallowed
 * @param skipped links beyond the page limit
 * @param pending pages queued or being fetched
 * @param lastUrl the page read last, or empty
 */
public record CrawlReport(
    int pages,
    long rows,
    List<String> errors,
    int blocked,
    int skipped,
    int pending,
    String lastUrl) {
  public CrawlReport {
    errors = List.copyOf(requireNonNull(errors, "errors is null"));
    requireNonNull(lastUrl, "lastUrl is null");
  }
}
