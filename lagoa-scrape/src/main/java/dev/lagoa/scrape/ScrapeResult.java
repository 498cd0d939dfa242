package dev.lagoa.scrape;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A finished run.
 *
 * @param file the landed file, {@code <landing>/<prefix>_<utc-ts>.jsonl.gz}; with Parquet output
 *     the first of the files published under {@code year=/month=/day=} folders
 * @param pages pages fetched and read
 * @param rows rows in the file
 * @param errors pages that could not be fetched but stayed within {@code crawl.max_errors}
 * @param failuresLog where those pages are listed with their URLs, for every run ({@code
 *     <landing>/.<prefix>_failures.jsonl}); written only when a run had failed pages
 * @param blocked links robots.txt disallowed
 * @param skipped links beyond the page limit
 */
public record ScrapeResult(
    String source,
    Path file,
    int pages,
    long rows,
    List<String> errors,
    int blocked,
    int skipped,
    Duration elapsed,
    Path failuresLog) {
  public ScrapeResult {
    requireNonNull(source, "source is null");
    requireNonNull(file, "file is null");
    errors = List.copyOf(requireNonNull(errors, "errors is null"));
    requireNonNull(elapsed, "elapsed is null");
    requireNonNull(failuresLog, "failuresLog is null");
  }

  /** Pages that could not be fetched. */
  public int failedPages() {
    return errors.size();
  }
}
