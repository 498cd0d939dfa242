package dev.lagoa.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.config.WebApiOptions;
import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.core.config.WebOutputOptions;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.testing.sites.B3Site;
import dev.lagoa.testing.sites.Book;
import dev.lagoa.testing.sites.BooksSite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a run behaves at its edges: bad configuration, tolerated errors, robots.txt, open-ended
 * paging.
 */
class WebScraperTest {
  private static WebCrawlOptions crawl(int maxErrors) {
    return new WebCrawlOptions(
        25,
        2,
        0,
        true,
        1,
        Duration.ofMillis(5),
        Duration.ofSeconds(10),
        "LagoaBot/0.1 (test)",
        maxErrors);
  }

  private static WebSourceConfig parse(Path directory, String yaml) {
    return (WebSourceConfig)
        new ProjectConfigLoader(name -> null)
            .parse(directory, "lagoa.yaml", yaml)
            .sources()
            .values()
            .iterator()
            .next();
  }

  @Test
  void anInvalidSelectorIsReportedBeforeAnythingIsFetched(@TempDir Path project) {
    try (BooksSite site = BooksSite.start()) {
      WebSourceConfig source =
          parse(
              project,
              """
              sources:
                broken:
                  type: web
                  start_urls: ["%s/index.html"]
                  landing: landing
                  extract:
                    - fields: {title: {selector: "h1[title"}}
              """
                  .formatted(site.baseUri()));

      assertThatThrownBy(() -> WebScraper.create().run(source, ProgressListener.NONE))
          .isInstanceOfSatisfying(
              LagoaException.class,
              e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_INPUT))
          .hasMessageStartingWith(
              "Invalid web source broken: Cannot use extract[0].fields.title.selector: 'h1[title'"
                  + " is not a valid CSS selector");
      assertThat(site.server().requestCount()).isZero();
      assertThat(Landed.files(project.resolve("landing"))).isEmpty();
    }
  }

  @Test
  void pagesThatFailWithinMaxErrorsAreReportedAndTheOthersLand(@TempDir Path landing) {
    try (BooksSite site = BooksSite.start()) {
      Book first = site.catalogue().books().get(0);
      Book second = site.catalogue().books().get(1);
      site.server().failAlways(first.path());
      site.server().failAlways(second.path());
      WebSourceConfig source =
          Landed.exampleSource(
                  "books",
                  "books_web",
                  Map.of("BOOKS_BASE_URL", site.baseUri().toString()),
                  landing)
              .withCrawl(crawl(2));

      ScrapeResult result = WebScraper.create().run(source, ProgressListener.NONE);

      assertThat(result.errors())
          .containsExactlyInAnyOrder(
              "Cannot fetch " + site.baseUri() + first.path() + ": HTTP 500 (2 attempts)",
              "Cannot fetch " + site.baseUri() + second.path() + ": HTTP 500 (2 attempts)");
      assertThat(result.rows()).isEqualTo(18);
    }
  }

  @Test
  void aStartPageThatRobotsTxtDisallowsFailsTheRunSayingSo(@TempDir Path landing) {
    try (BooksSite site = BooksSite.start()) {
      site.server().robotsTxt("User-agent: LagoaBot\nDisallow: /\n");
      WebSourceConfig source =
          Landed.exampleSource(
                  "books",
                  "books_web",
                  Map.of("BOOKS_BASE_URL", site.baseUri().toString()),
                  landing)
              .withCrawl(crawl(0));

      assertThatThrownBy(() -> WebScraper.create().run(source, ProgressListener.NONE))
          .isInstanceOf(ScrapeFailedException.class)
          .hasMessageContaining(
              "Cannot crawl "
                  + site.baseUri()
                  + "/index.html: the site's robots.txt disallows it for LagoaBot");
      assertThat(site.server().hits("/index.html")).isZero();
    }
  }

  @Test
  void withoutAPageCountApiPagesAreRequestedUntilOneIsEmpty(@TempDir Path landing) {
    try (B3Site site = B3Site.start()) {
      WebSourceConfig example =
          Landed.exampleSource(
              "bovespa", "ibov_api", Map.of("B3_BASE_URL", site.baseUri().toString()), landing);
      WebApiOptions api = example.api();
      WebSourceConfig source =
          new WebSourceConfig(
              example.name(),
              example.mode(),
              example.startUrls(),
              landing,
              example.filePrefix(),
              crawl(0),
              example.follow(),
              example.extract(),
              example.dedupeKey(),
              example.browser(),
              new WebApiOptions(api.url(), api.params(), api.paramsEncoding(), api.firstPage(), ""),
              example.csv(),
              WebOutputOptions.DEFAULT);

      ScrapeResult result = WebScraper.create().run(source, ProgressListener.NONE);

      assertThat(result.rows()).isEqualTo(site.portfolio().assets().size());
      assertThat(result.pages()).isEqualTo(6); // 86 stocks in pages of 20, then an empty page
    }
  }
}
