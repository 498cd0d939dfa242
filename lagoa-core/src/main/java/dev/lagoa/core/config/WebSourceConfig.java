package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A web site or API scraped into a landing directory: each run writes one file, {@code
 * <filePrefix>_<utc-timestamp>.jsonl.gz}, which a {@code files} source then loads.
 *
 * @param startUrls where the crawl begins (in json mode, the API's first page is the start)
 * @param landing the directory the run's file is written to, absolute
 * @param filePrefix the start of the landed file names
 * @param follow which links are followed (html and browser modes)
 * @param extract how rows are read from pages
 * @param output NDJSON.gz (default) or Parquet partitioned by a date field
 * @param dedupeKey fields that identify a row; a row whose key was already landed in this run is
 *     dropped (when two rules read the same rows from the markup and from embedded JSON); empty
 *     keeps every row
 */
public record WebSourceConfig(
    String name,
    WebFetchMode mode,
    List<URI> startUrls,
    Path landing,
    String filePrefix,
    WebCrawlOptions crawl,
    List<WebLinkRule> follow,
    List<WebExtractRule> extract,
    List<String> dedupeKey,
    WebBrowserOptions browser,
    WebApiOptions api,
    WebCsvOptions csv,
    WebOutputOptions output)
    implements SourceConfig {
  public WebSourceConfig {
    requireNonNull(name, "name is null");
    requireNonNull(mode, "mode is null");
    startUrls = List.copyOf(requireNonNull(startUrls, "startUrls is null"));
    requireNonNull(landing, "landing is null");
    requireNonNull(filePrefix, "filePrefix is null");
    requireNonNull(crawl, "crawl is null");
    follow = List.copyOf(requireNonNull(follow, "follow is null"));
    extract = List.copyOf(requireNonNull(extract, "extract is null"));
    dedupeKey = List.copyOf(requireNonNull(dedupeKey, "dedupeKey is null"));
    requireNonNull(browser, "browser is null");
    requireNonNull(api, "api is null");
    requireNonNull(csv, "csv is null");
    requireNonNull(output, "output is null");
  }

  /** This source with another page limit, as a command line's {@code --max-pages} asks. */
  public WebSourceConfig withMaxPages(int maxPages) {
    return withCrawl(crawl.withMaxPages(maxPages));
  }

  public WebSourceConfig withCrawl(WebCrawlOptions newCrawl) {
    return new WebSourceConfig(
        name,
        mode,
        startUrls,
        landing,
        filePrefix,
        newCrawl,
        follow,
        extract,
        dedupeKey,
        browser,
        api,
        csv,
        output);
  }

  public WebSourceConfig withLanding(Path newLanding) {
    return new WebSourceConfig(
        name,
        mode,
        startUrls,
        newLanding,
        filePrefix,
        crawl,
        follow,
        extract,
        dedupeKey,
        browser,
        api,
        csv,
        output);
  }

  public WebSourceConfig withOutput(WebOutputOptions newOutput) {
    return new WebSourceConfig(
        name,
        mode,
        startUrls,
        landing,
        filePrefix,
        crawl,
        follow,
        extract,
        dedupeKey,
        browser,
        api,
        csv,
        newOutput);
  }
}
