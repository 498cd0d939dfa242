package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How politely and how fast a web source is crawled.
 *
 * @param maxPages pages fetched at most in one run; links beyond are not followed
 * @param concurrency pages fetched at the same time
 * @param requestsPerSecond per host; 0 means no limit (for fixture sites and benchmarks only)
 * @param respectRobotsTxt whether robots.txt rules for the user agent are obeyed
 * @param retries further attempts after a timeout, a connection error or an HTTP 5xx/429 response
 * @param backoff the wait before the first retry, doubled for each next one
 * @param timeout for one request, or one page render in browser mode
 * @param maxErrors how many pages may fail (after retries) before the run fails
 */
public record WebCrawlOptions(
    int maxPages,
    int concurrency,
    double requestsPerSecond,
    boolean respectRobotsTxt,
    int retries,
    Duration backoff,
    Duration timeout,
    String userAgent,
    WebErrorBudget maxErrors) {
  public static final String DEFAULT_USER_AGENT =
      "LagoaBot/0.1 (Lagoa web source; set crawl.user_agent to add a contact address)";
  public static final WebCrawlOptions DEFAULT =
      new WebCrawlOptions(
          10_000,
          2,
          2.0,
          true,
          3,
          Duration.ofMillis(500),
          Duration.ofSeconds(30),
          DEFAULT_USER_AGENT,
          WebErrorBudget.DEFAULT);

  public WebCrawlOptions {
    requireNonNull(backoff, "backoff is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(userAgent, "userAgent is null");
    requireNonNull(maxErrors, "maxErrors is null");
  }

  /** Options whose error budget is a count of pages. */
  public WebCrawlOptions(
      int maxPages,
      int concurrency,
      double requestsPerSecond,
      boolean respectRobotsTxt,
      int retries,
      Duration backoff,
      Duration timeout,
      String userAgent,
      int maxErrors) {
    this(
        maxPages,
        concurrency,
        requestsPerSecond,
        respectRobotsTxt,
        retries,
        backoff,
        timeout,
        userAgent,
        WebErrorBudget.ofCount(maxErrors));
  }

  /** These options with another error budget, as {@code --max-errors} asks. */
  public WebCrawlOptions withMaxErrors(WebErrorBudget newMaxErrors) {
    return new WebCrawlOptions(
        maxPages,
        concurrency,
        requestsPerSecond,
        respectRobotsTxt,
        retries,
        backoff,
        timeout,
        userAgent,
        newMaxErrors);
  }

  public WebCrawlOptions withMaxPages(int newMaxPages) {
    return new WebCrawlOptions(
        newMaxPages,
        concurrency,
        requestsPerSecond,
        respectRobotsTxt,
        retries,
        backoff,
        timeout,
        userAgent,
        maxErrors);
  }
}
