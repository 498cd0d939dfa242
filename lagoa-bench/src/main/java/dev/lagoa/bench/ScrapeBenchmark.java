package dev.lagoa.bench;

import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.scrape.ScrapeResult;
import dev.lagoa.scrape.WebScraper;
import dev.lagoa.testing.sites.BooksSite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: measures the books example's scraper over the whole books fixture site (home page,
 * every category page, 1,000 detail pages) at concurrency 1, 4 and 8, against a plain JDK
 * HttpClient fetching the same URLs with as many threads, in the same run, and prints the ratios.
 * The scraper does the crawl itself (discovering the URLs, robots.txt, parsing, extraction, gzip
 * NDJSON); the plain client only downloads the list it is given, which makes it the floor for this
 * machine and this server.
 *
 * <p>Run with {@code ./lagoa-bench/run scrape [repetitions]}.
 */
final class ScrapeBenchmark {
  private static final int[] CONCURRENCY = {1, 4, 8};

  private ScrapeBenchmark() {}

  static void run(Path home, String[] args) throws Exception {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path examples = home.resolve("examples");
    try (BooksSite site = BooksSite.start()) {
      List<URI> urls =
          site.catalogue().crawlPaths().stream()
              .map(path -> URI.create(site.baseUri() + path))
              .toList();
      WebSourceConfig source =
          (WebSourceConfig)
              new ProjectConfigLoader(Map.of("BOOKS_BASE_URL", site.baseUri().toString())::get)
                  .load(examples.resolve("books"))
                  .sources()
                  .get("books_web");
      System.out.printf(
          "books fixture: %d pages (%d books); %d repetitions, median wall time%n",
          urls.size(), site.catalogue().books().size(), repetitions);
      // Warm both paths up once, so the first measured one does not pay for class loading and JIT.
      plain(urls, 4);
      lagoa(source, 4);
      System.out.printf(
          "%-12s %12s %12s %12s %12s %10s%n",
          "concurrency", "plain ms", "lagoa ms", "plain p/s", "lagoa p/s", "lagoa/plain");
      for (int concurrency : CONCURRENCY) {
        long[] plainTimes = new long[repetitions];
        long[] lagoaTimes = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
          plainTimes[i] = plain(urls, concurrency);
          lagoaTimes[i] = lagoa(source, concurrency);
        }
        long plain = median(plainTimes);
        long lagoa = median(lagoaTimes);
        System.out.printf(
            "%-12d %12.0f %12.0f %12.0f %12.0f %9.2fx%n",
            concurrency,
            plain / 1e6,
            lagoa / 1e6,
            urls.size() / (plain / 1e9),
            urls.size() / (lagoa / 1e9),
            (double) lagoa / plain);
      }
    }
  }

  /**
   * Fetches every URL with {@code threads} threads and a shared client; returns the wall time in
   * ns.
   */
  private static long plain(List<URI> urls, int threads) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < urls.size(); i = next.getAndIncrement()) {
                  HttpResponse<byte[]> response =
                      client.send(
                          HttpRequest.newBuilder(urls.get(i)).build(),
                          HttpResponse.BodyHandlers.ofByteArray());
                  if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " for " + urls.get(i));
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    long elapsed = System.nanoTime() - start;
    pool.shutdown();
    return elapsed;
  }

  /**
   * Crawls the site with the books example's rules and no rate limit; returns the wall time in ns.
   */
  private static long lagoa(WebSourceConfig source, int concurrency) throws IOException {
    Path landing = Files.createTempDirectory("lagoa-bench-");
    WebCrawlOptions crawl =
        new WebCrawlOptions(
            2000,
            concurrency,
            0,
            true,
            2,
            Duration.ofMillis(100),
            Duration.ofSeconds(30),
            "LagoaBot/0.1 (bench)",
            0);
    long start = System.nanoTime();
    ScrapeResult result =
        WebScraper.create()
            .run(source.withLanding(landing).withCrawl(crawl), ProgressListener.NONE);
    long elapsed = System.nanoTime() - start;
    if (result.rows() != 1000) {
      throw new IllegalStateException(
          "Cannot trust this run: it landed " + result.rows() + " rows, not 1000");
    }
    Files.delete(result.file());
    Files.delete(landing);
    return elapsed;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
