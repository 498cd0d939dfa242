package dev.lagoa.scrape;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.core.config.WebFetchMode;
import dev.lagoa.core.config.WebOutputOptions;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.core.files.ScrapeRun;
import dev.lagoa.scrape.crawl.ApiPager;
import dev.lagoa.scrape.crawl.CrawlFailedException;
import dev.lagoa.scrape.crawl.CrawlReport;
import dev.lagoa.scrape.crawl.Crawler;
import dev.lagoa.scrape.crawl.LinkFollower;
import dev.lagoa.scrape.crawl.PageProcessor;
import dev.lagoa.scrape.extract.CsvPageProcessor;
import dev.lagoa.scrape.extract.HtmlPageProcessor;
import dev.lagoa.scrape.extract.JsonPageProcessor;
import dev.lagoa.scrape.fetch.BrowserPageFetcher;
import dev.lagoa.scrape.fetch.HostRateLimiter;
import dev.lagoa.scrape.fetch.HttpPageFetcher;
import dev.lagoa.scrape.fetch.PageFetcher;
import dev.lagoa.scrape.fetch.RetryingFetcher;
import dev.lagoa.scrape.fetch.RobotsPolicy;
import dev.lagoa.scrape.fetch.Sleeper;
import dev.lagoa.scrape.output.FailureLog;
import dev.lagoa.scrape.output.LandingFile;
import dev.lagoa.scrape.output.ParquetLanding;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a web source: crawls it as its configuration says and lands the rows in one new file of its
 * landing directory. The entry point for {@code lagoa scrape <source>} and for scheduled scrapes.
 *
 * <pre>{@code
 * ScrapeResult result = WebScraper.create().run(source.withMaxPages(50), progress -> bar.update(progress));
 * }</pre>
 */
public final class WebScraper {
  private static final Logger LOG = LoggerFactory.getLogger(WebScraper.class);

  private final Clock clock;

  /**
   * @param clock stamps file names and every row's {@code scraped_at_utc}
   */
  public WebScraper(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
  }

  public static WebScraper create() {
    return new WebScraper(Clock.systemUTC());
  }

  /**
   * Scrapes {@code source} once. Each row gets {@code source_url} (the page it came from) and
   * {@code scraped_at_utc} (when that page was fetched).
   *
   * @return the landed file and what the run fetched
   * @throws ScrapeFailedException when the run stops, having landed nothing: a page did not match
   *     the declared structure (its URL and selector are in the message), more pages failed than
   *     {@code crawl.max_errors} allows, or no page held a row
   * @throws LagoaException of category USER_INPUT, before fetching anything, when a selector is not
   *     valid CSS or an extractor cannot be created
   */
  public ScrapeResult run(WebSourceConfig source, ProgressListener listener) {
    requireNonNull(source, "source is null");
    requireNonNull(listener, "listener is null");
    Instant started = clock.instant();
    WebCrawlOptions crawl = source.crawl();
    ApiPager pager = source.mode() == WebFetchMode.JSON ? new ApiPager(source.api()) : null;
    PageProcessor processor = processor(source, pager);
    List<URI> startUrls = pager == null ? source.startUrls() : List.of(pager.firstPage());
    HostRateLimiter limiter = HostRateLimiter.system(crawl.requestsPerSecond());
    HttpPageFetcher http = new HttpPageFetcher(crawl.userAgent(), crawl.timeout(), clock);
    RobotsPolicy robots =
        new RobotsPolicy(
            new RetryingFetcher(http, limiter, crawl.retries(), crawl.backoff(), Sleeper.SYSTEM),
            crawl.userAgent(),
            limiter);
    Predicate<URI> allowed = crawl.respectRobotsTxt() ? robots::allows : url -> true;
    Path failuresLog = FailureLog.of(source.landing(), source.filePrefix());
    try (LandingFile file = LandingFile.create(source.landing(), source.filePrefix(), started);
        PageFetcher fetcher =
            new RetryingFetcher(
                transport(source, processor, http),
                limiter,
                crawl.retries(),
                crawl.backoff(),
                Sleeper.SYSTEM)) {
      RowWriter rows = new RowWriter(file, source.dedupeKey());
      Crawler crawler =
          new Crawler(
              crawl,
              fetcher,
              allowed,
              robots.productToken(),
              processor,
              rows,
              report -> listener.onPage(progress(report)));
      CrawlReport report = crawler.crawl(startUrls);
      if (report.rows() == 0) {
        FailureLog.append(failuresLog, started, report.failures(), null);
        throw new ScrapeFailedException(
            source.name(),
            progress(report),
            ErrorCategory.EXTERNAL,
            "Cannot land rows: no page held any (check start_urls, the follow rules and"
                + " crawl.max_pages)",
            failuresLog.toString(),
            null);
      }
      Path landed;
      String name = LandingFile.fileName(source.filePrefix(), started).replace(".jsonl.gz", "");
      // The run's manifest goes next to each file before the file is published: whichever load
      // consumes it records the run in its commit.
      ScrapeRun run =
          new ScrapeRun(
              name,
              source.name(),
              report.pages(),
              report.rows(),
              report.errors().size(),
              report.blocked(),
              report.skipped(),
              Duration.between(started, clock.instant()).toMillis());
      if (source.output().format() == WebOutputOptions.Format.PARQUET) {
        List<Path> published =
            ParquetLanding.publish(
                file.finish(), source.landing(), name, source.output().dateField(), run);
        landed = published.isEmpty() ? source.landing() : published.get(0);
      } else {
        run.writeManifest(file.target());
        landed = file.commit();
      }
      FailureLog.append(failuresLog, started, report.failures(), landed);
      Duration elapsed = Duration.between(started, clock.instant());
      LOG.info(
          "Scraped {}: {} pages, {} rows into {} in {} ms",
          source.name(),
          report.pages(),
          report.rows(),
          landed,
          elapsed.toMillis());
      return new ScrapeResult(
          source.name(),
          landed,
          report.pages(),
          report.rows(),
          report.errors(),
          report.blocked(),
          report.skipped(),
          elapsed,
          failuresLog);
    } catch (CrawlFailedException e) {
      FailureLog.append(failuresLog, started, e.report().failures(), null);
      throw new ScrapeFailedException(
          source.name(),
          progress(e.report()),
          e.category(),
          e.getMessage(),
          failuresLog.toString(),
          e);
    }
  }

  private static PageProcessor processor(WebSourceConfig source, ApiPager pager) {
    try {
      return switch (source.mode()) {
        case HTML, BROWSER ->
            new HtmlPageProcessor(source.extract(), new LinkFollower(source.follow()));
        case JSON -> new JsonPageProcessor(source.extract(), pager);
        case CSV -> new CsvPageProcessor(source.extract(), source.csv());
      };
    } catch (LagoaException e) {
      throw new LagoaException(
          e.category(), "Invalid web source " + source.name() + ": " + e.getMessage(), e);
    }
  }

  private PageFetcher transport(
      WebSourceConfig source, PageProcessor processor, HttpPageFetcher http) {
    if (source.mode() != WebFetchMode.BROWSER) {
      return http;
    }
    HtmlPageProcessor html = (HtmlPageProcessor) processor;
    String items = source.browser().items();
    if (!source.browser().loadMore().isEmpty()
        && items.isEmpty()
        && source.startUrls().stream().anyMatch(url -> html.rowsSelector(url).isEmpty())) {
      throw LagoaException.userInput(
          "Invalid web source %s: browser.load_more needs browser.items, or an extract rule with"
              + " rows for the start pages, to see that a click loaded more",
          source.name());
    }
    return new BrowserPageFetcher(
        source.browser(),
        url -> items.isEmpty() ? html.rowsSelector(url) : items,
        source.crawl().concurrency(),
        source.crawl().userAgent(),
        source.crawl().timeout(),
        clock);
  }

  private static ScrapeProgress progress(CrawlReport report) {
    return new ScrapeProgress(
        report.pages(),
        report.rows(),
        report.errors().size(),
        report.blocked(),
        report.pending(),
        report.lastUrl());
  }
}
