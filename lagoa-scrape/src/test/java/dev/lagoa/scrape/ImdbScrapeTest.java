package dev.lagoa.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.scrape.extract.HtmlPage;
import dev.lagoa.scrape.extract.RowExtractor;
import dev.lagoa.testing.sites.ImdbSite;
import dev.lagoa.testing.sites.ImdbTitle;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IMDb example's scraper against the JavaScript-rendered fixture listing, in a real headless
 * Chromium.
 */
class ImdbScrapeTest {
  private static ImdbSite site;

  @BeforeAll
  static void startTheSite() {
    site = ImdbSite.start();
  }

  @AfterAll
  static void stopTheSite() {
    site.close();
  }

  private static WebCrawlOptions fast() {
    return new WebCrawlOptions(
        10, 1, 0, true, 1, Duration.ofMillis(5), Duration.ofSeconds(20), "LagoaBot/0.1 (test)", 0);
  }

  @Test
  void landsEveryTitleOfTheListingIncludingThoseOnlyTheFiftyMoreButtonShows(@TempDir Path landing) {
    WebSourceConfig source =
        Landed.exampleSource(
                "imdb", "imdb_web", Map.of("IMDB_BASE_URL", site.baseUri().toString()), landing)
            .withCrawl(fast());

    ScrapeResult result = WebScraper.create().run(source, ProgressListener.NONE);

    List<Map<String, Object>> rows = Landed.rows(result.file());
    List<ImdbTitle> titles = site.listing().titles();
    assertThat(result.file().getFileName().toString())
        .matches("imdb_titles_\\d{8}T\\d{9}Z\\.jsonl\\.gz");
    assertThat(rows).hasSize(titles.size()).hasSizeGreaterThan(150);
    for (int i = 0; i < titles.size(); i++) {
      ImdbTitle title = titles.get(i);
      Map<String, Object> row = rows.get(i);
      assertThat(row.get("title_id")).isEqualTo(title.id());
      assertThat(row.get("title")).isEqualTo(title.title());
      assertThat(row.get("year")).isEqualTo(title.year());
      if (title.rating() == null) {
        assertThat(row.get("rating")).as(title.id()).isNull();
      } else {
        assertThat((BigDecimal) row.get("rating"))
            .as(title.id())
            .isEqualByComparingTo(title.rating());
      }
      assertThat(row.get("page")).as(title.id()).isEqualTo(i / 50 + 1);
      assertThat(row.get("source_url")).isEqualTo(site.searchUri().toString());
    }
    assertThat(site.server().hits("/api/search/titles")).isEqualTo(3);
  }

  @Test
  void withoutABrowserOnlyTheFirstFiftyTitlesAreThereAndTheyAreInNextData(@TempDir Path landing) {
    String yaml =
        """
        sources:
          imdb_next_data:
            type: web
            mode: html
            start_urls: ["%s"]
            landing: landing
            extract:
              - extractor: embedded-json
                options:
                  rows: /props/pageProps/searchResults/titleResults/titleListItems
                  title_id: /titleId
                  title: /titleText
                  rating: /ratingSummary/aggregateRating
        """
            .formatted(site.searchUri());
    WebSourceConfig source =
        (WebSourceConfig)
            new ProjectConfigLoader(name -> null)
                .parse(landing, "lagoa.yaml", yaml)
                .sources()
                .get("imdb_next_data");

    List<Map<String, Object>> rows =
        Landed.rows(
            WebScraper.create().run(source.withCrawl(fast()), ProgressListener.NONE).file());

    assertThat(rows).hasSize(50);
    assertThat(rows)
        .extracting(row -> row.get("title_id"))
        .containsExactlyElementsOf(
            site.listing().titles().subList(0, 50).stream().map(ImdbTitle::id).toList());
  }

  @Test
  void theRenderedRowsSelectorFindsNothingWithoutABrowserAndTheRunSaysWhere(@TempDir Path landing) {
    WebSourceConfig browser =
        Landed.exampleSource(
            "imdb", "imdb_web", Map.of("IMDB_BASE_URL", site.baseUri().toString()), landing);
    String yaml =
        """
        sources:
          imdb_plain:
            type: web
            start_urls: ["%s"]
            landing: landing
            extract:
              - rows: li.ipc-metadata-list-summary-item
                fields: {title: {selector: .ipc-title__text}}
        """
            .formatted(browser.startUrls().get(0));
    WebSourceConfig plain =
        (WebSourceConfig)
            new ProjectConfigLoader(name -> null)
                .parse(landing, "lagoa.yaml", yaml)
                .sources()
                .get("imdb_plain");

    assertThatThrownBy(
            () -> WebScraper.create().run(plain.withCrawl(fast()), ProgressListener.NONE))
        .isInstanceOf(ScrapeFailedException.class)
        .hasMessageContaining(
            "Cannot extract rows from "
                + site.searchUri()
                + ": selector 'li.ipc-metadata-list-summary-item' matched nothing");
  }

  @Test
  void aJavaExtractorNamedByItsClassReadsWhatSelectorsCannot(@TempDir Path landing) {
    String yaml =
        """
        sources:
          imdb_total:
            type: web
            start_urls: ["%s"]
            landing: landing
            extract:
              - extractor: %s
        """
            .formatted(site.searchUri(), ScriptCountExtractor.class.getName());
    WebSourceConfig source =
        (WebSourceConfig)
            new ProjectConfigLoader(name -> null)
                .parse(landing, "lagoa.yaml", yaml)
                .sources()
                .get("imdb_total");

    List<Map<String, Object>> rows =
        Landed.rows(
            WebScraper.create().run(source.withCrawl(fast()), ProgressListener.NONE).file());

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("scripts", 2).containsEntry("has_next_data", true);
  }

  /** Counts a page's scripts: a row no selector can produce. */
  public static final class ScriptCountExtractor implements RowExtractor {
    @Override
    public List<Map<String, Object>> extract(HtmlPage page) {
      return List.of(
          Map.of(
              "scripts",
              page.document().select("script").size(),
              "has_next_data",
              page.document().getElementById("__NEXT_DATA__") != null));
    }
  }
}
