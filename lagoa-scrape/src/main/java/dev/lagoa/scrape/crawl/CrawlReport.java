package dev.lagoa.scrape.crawl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How far a crawl got.
 *
 * @param pages pages fetched (a page that failed the run by its content included)
 * @param rows rows kept
 * @param failures pages that could not be fetched, with their errors
 * @param blocked links robots.txt disallowed
 * @param skipped links beyond the page limit
 * @param pending pages queued or being fetched
 * @param lastUrl the page read last, or empty
 */
public record CrawlReport(
    int pages,
    long rows,
    List<PageFailure> failures,
    int blocked,
    int skipped,
    int pending,
    String lastUrl) {
  public CrawlReport {
    failures = List.copyOf(requireNonNull(failures, "failures is null"));
    requireNonNull(lastUrl, "lastUrl is null");
  }

  /** The error message of every page that could not be fetched. */
  public List<String> errors() {
    return failures.stream().map(PageFailure::error).toList();
  }
}
