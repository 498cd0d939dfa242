package dev.lagoa.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.core.files.ScrapeRun;
import dev.lagoa.testing.sites.Book;
import dev.lagoa.testing.sites.BooksSite;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The books example's scraper against the books fixture site. */
class BooksScrapeTest {
  private static final Instant NOW = Instant.parse("2025-11-22T01:25:33.123Z");

  private static BooksSite site;
  private static ScrapeResult result;
  private static List<Map<String, Object>> rows;

  @BeforeAll
  static void scrapeTheWholeSite(@TempDir Path landing) {
    site = BooksSite.start();
    result =
        new WebScraper(Clock.fixed(NOW, ZoneOffset.UTC))
            .run(source(site, landing).withCrawl(fast(4)), ProgressListener.NONE);
    rows = Landed.rows(result.file());
  }

  @AfterAll
  static void stopTheSite() {
    site.close();
  }

  static WebSourceConfig source(BooksSite books, Path landing) {
    return Landed.exampleSource(
        "books", "books_web", Map.of("BOOKS_BASE_URL", books.baseUri().toString()), landing);
  }

  /** No rate limit (the fixture is local) and quick retries, so tests do not wait. */
  static WebCrawlOptions fast(int concurrency) {
    return new WebCrawlOptions(
        2000,
        concurrency,
        0,
        true,
        2,
        Duration.ofMillis(5),
        Duration.ofSeconds(10),
        "LagoaBot/0.1 (test)",
        0);
  }

  @Test
  void landsEveryBookWithItsPriceRatingStockCategoryAndUpc() {
    Map<String, Map<String, Object>> byUpc =
        rows.stream()
            .collect(Collectors.toMap(row -> (String) row.get("upc"), Function.identity()));

    assertThat(rows).hasSize(1000);
    assertThat(byUpc).hasSize(1000);
    for (Book book : site.catalogue().books()) {
      Map<String, Object> row = byUpc.get(book.upc());
      assertThat(row).as(book.upc()).isNotNull();
      assertThat(row.get("title")).isEqualTo(book.title());
      assertThat((BigDecimal) row.get("price")).isEqualByComparingTo(book.price());
      assertThat(row.get("rating")).isEqualTo(book.rating());
      assertThat(row.get("stock")).isEqualTo(book.stock());
      assertThat(row.get("category")).isEqualTo(book.category());
    }
    assertThat(rows)
        .extracting(row -> (Integer) row.get("rating"))
        .allMatch(rating -> rating >= 1 && rating <= 5);
  }

  @Test
  void keepsBooksThatShareATitleAsDistinctRows() {
    Map<Object, Long> rowsByTitle =
        rows.stream()
            .collect(Collectors.groupingBy(row -> row.get("title"), Collectors.counting()));
    Map<String, Long> booksByTitle =
        site.catalogue().books().stream()
            .collect(Collectors.groupingBy(Book::title, Collectors.counting()));

    assertThat(booksByTitle.values()).anyMatch(count -> count > 1);
    booksByTitle.forEach(
        (title, count) -> assertThat(rowsByTitle.get(title)).as(title).isEqualTo(count));
  }

  @Test
  void stampsEveryRowWithItsPageAndTheTimeItWasScraped() {
    Map<String, Map<String, Object>> byUpc =
        rows.stream()
            .collect(Collectors.toMap(row -> (String) row.get("upc"), Function.identity()));
    Book book = site.catalogue().books().get(123);

    assertThat(byUpc.get(book.upc()).get("source_url")).isEqualTo(site.baseUri() + book.path());
    assertThat(rows)
        .extracting(row -> row.get("scraped_at_utc"))
        .containsOnly("2025-11-22T01:25:33.123Z");
    assertThat(List.copyOf(rows.get(0).keySet()))
        .containsExactly(
            "upc", "title", "price", "rating", "stock", "category", "source_url", "scraped_at_utc");
  }

  @Test
  void landsOneTimestampedFileAndFetchesEveryPageOnce() {
    assertThat(Landed.files(result.file().getParent()))
        .containsExactly(
            ".books_20251122T012533123Z.jsonl.gz.scrape", "books_20251122T012533123Z.jsonl.gz");
    assertThat(result.pages()).isEqualTo(site.catalogue().crawlPaths().size());
    assertThat(result.rows()).isEqualTo(1000);
    assertThat(result.errors()).isEmpty();
    // The hidden manifest beside the file is what a loader records of the run.
    assertThat(ScrapeRun.readManifest(result.file()))
        .hasValueSatisfying(
            run -> {
              assertThat(run.run()).isEqualTo("books_20251122T012533123Z");
              assertThat(run.pages()).isEqualTo(site.catalogue().crawlPaths().size());
              assertThat(run.rows()).isEqualTo(1000);
              assertThat(run.failedPages()).isZero();
            });
    for (String path : site.catalogue().crawlPaths()) {
      assertThat(site.server().hits(path)).as(path).isEqualTo(1);
    }
    assertThat(site.server().hits("/catalogue/page-2.html")).isZero();
  }

  @Test
  void aDetailPageWithChangedMarkupFailsTheRunNamingTheUrlAndTheSelector(@TempDir Path landing) {
    try (BooksSite changed = BooksSite.start()) {
      changed.changeMarkup(true);

      assertThatThrownBy(
              () ->
                  WebScraper.create()
                      .run(source(changed, landing).withCrawl(fast(2)), ProgressListener.NONE))
          .isInstanceOf(ScrapeFailedException.class)
          .hasMessageStartingWith(
              "Cannot scrape source books_web: Cannot extract field price from "
                  + changed.baseUri()
                  + "/catalogue/")
          .hasMessageContaining(
              "/index.html: selector 'div.product_main p.price_color' matched nothing")
          .hasMessageEndingWith("no file was landed)");
      assertThat(Landed.files(landing)).isEmpty();
    }
  }

  @Test
  void aRunThatFailsHalfwayLandsNoFileAndReportsWhatItFetched(@TempDir Path landing) {
    try (BooksSite failing = BooksSite.start()) {
      Book late = failing.catalogue().books().get(700);
      failing.server().failAlways(late.path());

      assertThatThrownBy(
              () ->
                  WebScraper.create()
                      .run(source(failing, landing).withCrawl(fast(1)), ProgressListener.NONE))
          .isInstanceOfSatisfying(
              ScrapeFailedException.class,
              e -> {
                assertThat(e.progress().pages()).isGreaterThan(100);
                assertThat(e.progress().rows()).isGreaterThan(50);
                assertThat(e.progress().errors()).isEqualTo(1);
              })
          .hasMessageContaining(
              "Cannot fetch " + failing.baseUri() + late.path() + ": HTTP 500 (3 attempts)");
      assertThat(failing.server().hits(late.path())).isEqualTo(3);
      assertThat(Landed.files(landing)).isEmpty();
      assertThat(Landed.jsonLines(landing.resolve(".books_failures.jsonl")))
          .singleElement()
          .satisfies(
              failure -> {
                assertThat(failure.get("url")).isEqualTo(failing.baseUri() + late.path());
                assertThat(failure.get("landed")).isNull();
              });
    }
  }

  @Test
  void aPageThatFailsTwiceIsFetchedAgainAndItsRowsLand(@TempDir Path landing) {
    try (BooksSite flaky = BooksSite.start()) {
      Book book = flaky.catalogue().books().get(0);
      flaky.server().failTimes(book.path(), 2);

      ScrapeResult run =
          WebScraper.create()
              .run(
                  source(flaky, landing).withCrawl(fast(2)).withMaxPages(25),
                  ProgressListener.NONE);

      assertThat(flaky.server().hits(book.path())).isEqualTo(3);
      assertThat(Landed.rows(run.file())).extracting(row -> row.get("upc")).contains(book.upc());
    }
  }

  @Test
  void robotsTxtKeepsTheCrawlerOutOfDisallowedPages(@TempDir Path landing) {
    try (BooksSite guarded = BooksSite.start()) {
      guarded
          .server()
          .robotsTxt(
              "User-agent: *\n"
                  + "Disallow: /catalogue/category/\n\n"
                  + "User-agent: OtherBot\n"
                  + "Disallow: /\n");

      ScrapeResult run =
          WebScraper.create()
              .run(source(guarded, landing).withCrawl(fast(2)), ProgressListener.NONE);

      assertThat(run.rows()).isEqualTo(20); // the books on the home page
      assertThat(run.blocked()).isEqualTo(50);
      assertThat(guarded.server().hits(guarded.catalogue().categories().get(0).path(1))).isZero();
    }
  }

  @Test
  void aPageLimitStopsTheCrawlAndTheRowsSoFarLand(@TempDir Path landing) {
    try (BooksSite books = BooksSite.start()) {
      ScrapeResult run =
          WebScraper.create()
              .run(
                  source(books, landing).withCrawl(fast(2)).withMaxPages(30),
                  ProgressListener.NONE);

      assertThat(run.pages()).isEqualTo(30);
      assertThat(run.skipped()).isPositive();
      assertThat(Landed.rows(run.file()))
          .hasSize(20); // the home page's books come before categories
    }
  }

  @Test
  void reportsProgressAfterEveryPage(@TempDir Path landing) {
    List<ScrapeProgress> seen = new ArrayList<>();
    try (BooksSite books = BooksSite.start()) {
      ScrapeResult run =
          WebScraper.create()
              .run(source(books, landing).withCrawl(fast(3)).withMaxPages(40), seen::add);

      assertThat(seen).hasSize(40);
      assertThat(seen.get(seen.size() - 1).rows()).isEqualTo(run.rows());
      assertThat(seen).extracting(ScrapeProgress::pages).isSorted();
    }
  }
}
