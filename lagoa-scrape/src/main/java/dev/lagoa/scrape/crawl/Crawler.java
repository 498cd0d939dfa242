package dev.lagoa.scrape.crawl;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.scrape.fetch.FetchException;
import dev.lagoa.scrape.fetch.FetchedPage;
import dev.lagoa.scrape.fetch.PageFetcher;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Crawls from start URLs: fetches pages on {@code concurrency} threads, hands each to the page
 * processor, puts its rows in the sink and queues its links, each URL once, on the start URLs'
 * hosts only, up to the page limit. The first page that does not match the declared structure stops
 * the crawl; pages that cannot be fetched stop it once they exceed the error budget ({@code
 * crawl.max_errors}: a count, or a share of the pages tried, checked again when the crawl ends).
 */
public final class Crawler {
  private final WebCrawlOptions options;
  private final PageFetcher fetcher;
  private final Predicate<URI> allowed;
  private final String robotsToken;
  private final PageProcessor processor;
  private final RowSink sink;
  private final Consumer<CrawlReport> progress;

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Set<String> hosts = new HashSet<>();
  private final List<PageFailure> errors = new ArrayList<>(); // guarded by itself
  private final AtomicInteger scheduled = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger pages = new AtomicInteger();
  private final AtomicLong rows = new AtomicLong();
  private final AtomicInteger blocked = new AtomicInteger();
  private final AtomicInteger skipped = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile String lastUrl = "";
  private ExecutorService pool;

  /**
   * @param fetcher fetches with retries and rate limits
   * @param allowed whether robots.txt lets the crawler fetch a URL
   * @param robotsToken the crawler's name in robots.txt, for messages
   * @param progress told after every page, one call at a time
   */
  public Crawler(
      WebCrawlOptions options,
      PageFetcher fetcher,
      Predicate<URI> allowed,
      String robotsToken,
      PageProcessor processor,
      RowSink sink,
      Consumer<CrawlReport> progress) {
    this.options = requireNonNull(options, "options is null");
    this.fetcher = requireNonNull(fetcher, "fetcher is null");
    this.allowed = requireNonNull(allowed, "allowed is null");
    this.robotsToken = requireNonNull(robotsToken, "robotsToken is null");
    this.processor = requireNonNull(processor, "processor is null");
    this.sink = requireNonNull(sink, "sink is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  /**
   * Crawls until no page is left, the page limit is reached or a page fails the run.
   *
   * @throws CrawlFailedException with the first fatal error and how far the crawl got
   */
  public CrawlReport crawl(List<URI> startUrls) {
    startUrls.forEach(url -> hosts.add(authority(url)));
    AtomicInteger threadNumber = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            options.concurrency(),
            runnable -> {
              Thread thread = new Thread(runnable, "lagoa-crawl-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      pending
          .incrementAndGet(); // held while the start URLs are queued, so the crawl cannot end early
      startUrls.forEach(url -> schedule(url, true));
      finishOne();
      done.join();
    } finally {
      pool.shutdownNow();
      awaitWorkers();
    }
    Throwable cause = failure.get();
    if (cause != null) {
      throw new CrawlFailedException(cause, report());
    }
    CrawlReport report = report();
    int failed = report.failures().size();
    if (options.maxErrors().exceededBy(failed, report.pages() + failed)) {
      throw new CrawlFailedException(
          new LagoaException(
              ErrorCategory.EXTERNAL,
              "Cannot crawl: "
                  + failed
                  + " of "
                  + (report.pages() + failed)
                  + " pages failed, more than crawl.max_errors ("
                  + options.maxErrors()
                  + ") allows; the last: "
                  + report.failures().get(failed - 1).error()),
          report);
    }
    return report;
  }

  private void awaitWorkers() {
    try {
      if (!pool.awaitTermination(options.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
        throw new LagoaException(
            ErrorCategory.INTERNAL, "Cannot stop the crawl: its threads are still fetching");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void schedule(URI url, boolean start) {
    if (failure.get() != null) {
      return;
    }
    URI normalized = normalize(url);
    if (!seen.add(normalized.toString())) {
      return;
    }
    if (scheduled.incrementAndGet() > options.maxPages()) {
      skipped.incrementAndGet();
      return;
    }
    pending.incrementAndGet();
    try {
      pool.execute(() -> run(normalized, start));
    } catch (RejectedExecutionException e) {
      finishOne(); // the crawl is stopping
    }
  }

  private void run(URI url, boolean start) {
    try {
      if (failure.get() == null) {
        visit(url, start);
      }
    } catch (Throwable t) {
      fail(t);
    } finally {
      finishOne();
    }
  }

  private void finishOne() {
    if (pending.decrementAndGet() == 0) {
      done.complete(null);
    }
  }

  private void fail(Throwable cause) {
    if (failure.compareAndSet(null, cause)) {
      done.complete(null);
    }
  }

  private void visit(URI url, boolean start) {
    if (!allowed.test(url)) {
      blocked.incrementAndGet();
      if (start) {
        throw LagoaException.userInput(
            "Cannot crawl %s: the site's robots.txt disallows it for %s", url, robotsToken);
      }
      report(url);
      return;
    }
    FetchedPage page;
    try {
      page = fetcher.fetch(url);
    } catch (FetchException e) {
      if (failure.get() != null) {
        return; // interrupted because the crawl is stopping
      }
      // One lock for counting and deciding, so the count in the message is the count that failed
      // the run, and no failure is added after that.
      synchronized (errors) {
        if (failure.get() != null) {
          return;
        }
        errors.add(new PageFailure(url.toString(), e.getMessage()));
        int failed = errors.size();
        if (options.maxErrors().exceededFor(failed, options.maxPages())) {
          fail(
              options.maxErrors().count() == 0 && options.maxErrors().ratio() == null
                  ? e
                  : new LagoaException(
                      ErrorCategory.EXTERNAL,
                      "Cannot crawl: "
                          + failed
                          + " pages failed, more than crawl.max_errors ("
                          + options.maxErrors()
                          + (options.maxErrors().ratio() == null
                              ? ""
                              : " of at most " + options.maxPages() + " pages")
                          + ") allows; the last: "
                          + e.getMessage(),
                      e));
          return;
        }
      }
      report(url);
      return;
    }
    if (failure.get() != null) {
      return;
    }
    pages.incrementAndGet(); // counted before it is read: a page that fails the run was fetched
    seen.add(normalize(page.url()).toString());
    PageOutcome outcome = processor.process(page);
    if (failure.get() != null) {
      return; // another page failed the run while this one was read: land nothing more
    }
    rows.addAndGet(sink.accept(page, outcome.rows()));
    report(url);
    for (URI link : outcome.links()) {
      if (hosts.contains(authority(link))) {
        schedule(link, false);
      }
    }
  }

  private void report(URI url) {
    // The snapshot is taken under the lock so that listeners see page counts that never go back,
    // whichever of the crawl's threads reports first.
    synchronized (progress) {
      lastUrl = url.toString();
      progress.accept(report());
    }
  }

  private CrawlReport report() {
    List<PageFailure> failures;
    synchronized (errors) {
      failures = List.copyOf(errors);
    }
    return new CrawlReport(
        pages.get(),
        rows.get(),
        failures,
        blocked.get(),
        skipped.get(),
        Math.max(0, pending.get()),
        lastUrl);
  }

  /** Without its fragment and dot segments, so one page is one URL. */
  static URI normalize(URI url) {
    String text = url.toString();
    int hash = text.indexOf('#');
    URI result = URI.create(hash < 0 ? text : text.substring(0, hash)).normalize();
    if (result.getRawPath() != null && !result.getRawPath().isEmpty()) {
      return result;
    }
    String query = result.getRawQuery() == null ? "" : "?" + result.getRawQuery();
    return URI.create(result.getScheme() + "://" + result.getRawAuthority() + "/" + query);
  }

  private static String authority(URI url) {
    return (url.getScheme() + "://" + url.getAuthority()).toLowerCase(Locale.ROOT);
  }
}
