package dev.lagoa.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.config.WebErrorBudget;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.testing.sites.ShopProduct;
import dev.lagoa.testing.sites.ShopSite;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web sources against a Next.js-style shop: embedded JSON, alternative extract rules, links, dead
 * pages and the error budget, and the messages a user sees when something is off.
 */
class ShopScrapeTest {
  /** No rate limit (the fixture is local), one quick retry. */
  private static final String FAST_CRAWL =
      """
          crawl: {requests_per_second: 0, retries: 1, backoff: 5ms, concurrency: 2}
      """;

  private ShopSite site;
  @TempDir Path project;

  @BeforeEach
  void startTheShop() {
    site = ShopSite.start(24, 7);
  }

  @AfterEach
  void stopTheShop() {
    site.close();
  }

  private WebSourceConfig source(String body) {
    return source(body, Map.of());
  }

  private WebSourceConfig source(String body, Map<String, String> environment) {
    String yaml =
        """
        sources:
          shop:
            type: web
            start_urls: ["%s"]
            landing: landing
        %s%s"""
            .formatted(site.listingUri(), FAST_CRAWL, body.indent(4));
    return (WebSourceConfig)
        new ProjectConfigLoader(environment::get)
            .parse(project, "lagoa.yaml", yaml)
            .sources()
            .get("shop");
  }

  /** Listing pages, following rel=next, rows from the first rule that yields any. */
  private static final String LISTING_FIRST_OF =
      """
      follow: [{selector: "link[rel=next]"}]
      extract:
        - first_of:
            - rows: li.product-card
              fields:
                name: {selector: "h2 a"}
                url: {selector: "h2 a", attribute: href, type: url}
                price: {selector: .price, type: decimal}
            - script: "script#__NEXT_DATA__"
              rows: /props/pageProps/listing/products
              fields:
                name: {path: /name}
                url: {path: /url, type: url}
                price: {path: /price/amount, type: decimal}
            - script: "script[type=application/ld+json]:containsData(\\"@type\\":\\"ItemList\\")"
              rows: /itemListElement
              fields:
                name: {path: /item/name}
                url: {path: /item/url, type: url}
                price: {path: /item/offers/price, type: decimal}
                sku_number: {path: /item/sku, regex: "SKU-(\\\\d+)", type: integer}
      """;

  /** Listing and detail pages; rows from the detail pages. */
  private static final String DETAILS =
      """
      follow:
        - {selector: "link[rel=next]"}
        - {selector: "h2.product-card__title a"}
      extract:
        - pages: "/shop/p/"
          fields:
            name: {selector: h1.product-title}
            sku: {selector: "dl.facts dt:containsOwn(SKU) + dd"}
      """;

  private ScrapeResult run(WebSourceConfig source) {
    return WebScraper.create().run(source, ProgressListener.NONE);
  }

  private List<String> names(ScrapeResult result) {
    return Landed.rows(result.file()).stream().map(row -> (String) row.get("name")).toList();
  }

  private List<String> productNames() {
    return site.products().stream().map(ShopProduct::name).toList();
  }

  @Test
  void firstOfTakesTheRenderedRowsWhenThePageHasThem() {
    ScrapeResult result = run(source(LISTING_FIRST_OF));

    List<Map<String, Object>> rows = Landed.rows(result.file());
    assertThat(names(result)).containsExactlyInAnyOrderElementsOf(productNames());
    assertThat(rows).allSatisfy(row -> assertThat(row).doesNotContainKey("sku_number"));
    ShopProduct first = site.products().get(0);
    assertThat(rows)
        .filteredOn(row -> row.get("name").equals(first.name()))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("url")).isEqualTo(site.baseUri() + first.path());
              assertThat((BigDecimal) row.get("price")).isEqualByComparingTo(first.price());
            });
  }

  @Test
  void firstOfFallsBackToNextDataWhenTheMarkupHoldsNoRows() {
    site.layout(ShopSite.Layout.CLIENT_RENDERED);

    ScrapeResult result = run(source(LISTING_FIRST_OF));

    assertThat(names(result)).containsExactlyInAnyOrderElementsOf(productNames());
    assertThat(Landed.rows(result.file()))
        .allSatisfy(row -> assertThat(row).doesNotContainKey("sku_number"))
        .allSatisfy(
            row -> assertThat((String) row.get("url")).startsWith(site.baseUri() + "/shop/p/"));
  }

  @Test
  void firstOfFallsBackToLdJsonWithEntitiesDecodedAndFieldsConverted() {
    site.layout(ShopSite.Layout.LD_JSON_ONLY);

    ScrapeResult result = run(source(LISTING_FIRST_OF));

    List<Map<String, Object>> rows = Landed.rows(result.file());
    assertThat(names(result))
        .containsExactlyInAnyOrderElementsOf(productNames())
        .contains("Ben & Jerry's Cookie Dough", "\"Extra\" Virgin Olive Oil");
    ShopProduct third = site.products().get(2);
    assertThat(rows)
        .filteredOn(row -> row.get("name").equals(third.name()))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("sku_number")).isEqualTo(Integer.parseInt(third.id()));
              assertThat((BigDecimal) row.get("price")).isEqualByComparingTo(third.price());
              assertThat(row.get("url")).isEqualTo(site.baseUri() + third.path());
            });
  }

  @Test
  void aRedesignedMarkupFallsBackToTheStructuredDataItDidNotTouch() {
    site.layout(ShopSite.Layout.REDESIGNED);

    ScrapeResult result = run(source(LISTING_FIRST_OF));

    assertThat(names(result)).containsExactlyInAnyOrderElementsOf(productNames());
    assertThat(Landed.rows(result.file()))
        .allSatisfy(row -> assertThat(row).containsKey("sku_number"));
  }

  @Test
  void whenNoAlternativeYieldsRowsThePageFailsWithEachOnesReason() {
    site.layout(ShopSite.Layout.REDESIGNED);
    String withoutLdJson =
        LISTING_FIRST_OF.substring(
            0,
            LISTING_FIRST_OF.lastIndexOf(
                '\n', LISTING_FIRST_OF.indexOf("- script: \"script[type")));

    assertThatThrownBy(() -> run(source(withoutLdJson)))
        .isInstanceOf(ScrapeFailedException.class)
        .hasMessageContaining(
            "Cannot extract rows from "
                + site.listingUri()
                + ": no alternative of first_of yielded rows (first_of[0]: Cannot extract rows from")
        .hasMessageContaining("selector 'li.product-card' matched nothing")
        .hasMessageContaining(
            "first_of[1]: Cannot extract rows from "
                + site.listingUri()
                + ": no script 'script#__NEXT_DATA__' has /props/pageProps/listing/products");
  }

  @Test
  void anEmbeddedJsonPointerThatMatchesNothingFailsLikeASelectorNamingPageAndPointer() {
    WebSourceConfig source =
        source(
            """
            extract:
              - extractor: embedded-json
                options:
                  rows: /props/pageProps/listing/products
                  id: /id
                  title: /productName
            """);

    assertThatThrownBy(() -> run(source))
        .isInstanceOf(ScrapeFailedException.class)
        .hasMessageContaining(
            "Cannot extract field title from "
                + site.listingUri()
                + ": path /productName matched nothing in row 1 at"
                + " /props/pageProps/listing/products of script 'script#__NEXT_DATA__'")
        .hasMessageContaining("(after 1 page and 0 rows, 0 failed pages; no file was landed)");
    assertThat(Landed.files(project.resolve("landing"))).isEmpty();
  }

  @Test
  void anOptionalEmbeddedJsonFieldThatIsMissingLandsAsNull() {
    ScrapeResult result =
        run(
            source(
                """
                extract:
                  - extractor: embedded-json
                    options:
                      rows: /props/pageProps/listing/products
                      name: /name
                      discount: /price/discount
                      optional: discount
                """));

    assertThat(Landed.rows(result.file()))
        .hasSize(ShopSite.PAGE_SIZE)
        .allSatisfy(row -> assertThat(row).containsEntry("discount", null));
  }

  @Test
  void anHtmlModeSourceOnAClientRenderedPageIsToldAboutBrowserModeAndTheScript() {
    site.layout(ShopSite.Layout.CLIENT_RENDERED);
    WebSourceConfig source =
        source(
            """
            extract:
              - rows: li.product-card
                fields: {name: {selector: "h2 a"}}
            """);

    assertThatThrownBy(() -> run(source))
        .hasMessageContaining(
            "selector 'li.product-card' matched nothing, expected at least 1 (the page has"
                + " script#__NEXT_DATA__: if its rows are rendered by JavaScript, use mode:"
                + " browser, or read that JSON with an extract rule with script:");
  }

  @Test
  void aCrawlWithAFewDeadLinksLandsWhatItFoundCountsAndRecordsTheFailures() {
    ShopProduct gone = site.products().get(3);
    ShopProduct alsoGone = site.products().get(17);
    site.removeProduct(gone);
    site.removeProduct(alsoGone);

    ScrapeResult result = run(source(DETAILS));

    assertThat(names(result)).hasSize(22).doesNotContain(gone.name(), alsoGone.name());
    assertThat(result.failedPages()).isEqualTo(2);
    assertThat(result.pages()).isEqualTo(site.pageCount() + 22);
    assertThat(result.failuresLog()).isEqualTo(project.resolve("landing/.shop_failures.jsonl"));
    assertThat(Landed.jsonLines(result.failuresLog()))
        .extracting(line -> line.get("url"))
        .containsExactlyInAnyOrder(site.baseUri() + gone.path(), site.baseUri() + alsoGone.path());
    assertThat(Landed.jsonLines(result.failuresLog()))
        .allSatisfy(
            line -> {
              assertThat(line.get("landed")).isEqualTo(result.file().getFileName().toString());
              assertThat((String) line.get("error")).contains("HTTP 404");
            });
  }

  @Test
  void aCrawlWhereMoreThanATenthOfThePagesFailLandsNothingByDefault() {
    for (int i = 0; i < 6; i++) {
      site.removeProduct(site.products().get(i * 4));
    }

    assertThatThrownBy(() -> run(source(DETAILS)))
        .isInstanceOf(ScrapeFailedException.class)
        .hasMessageContaining(
            "Cannot crawl: 6 of 27 pages failed, more than crawl.max_errors (10%) allows; the last:"
                + " Cannot fetch")
        .hasMessageContaining("21 pages and 18 rows, 6 failed pages; no file was landed;")
        .hasMessageContaining(
            "failed pages are listed in " + project.resolve("landing/.shop_failures.jsonl"));
    assertThat(Landed.jsonLines(project.resolve("landing/.shop_failures.jsonl")))
        .hasSize(6)
        .allSatisfy(line -> assertThat(line.get("landed")).isNull());
  }

  @Test
  void aMarkupChangeFailsTheRunWhateverTheErrorBudget() {
    site.layout(ShopSite.Layout.REDESIGNED);
    WebSourceConfig markup =
        source(
            """
            extract:
              - rows: li.product-card
                fields: {name: {selector: "h2 a"}}
            """);
    WebSourceConfig source =
        markup.withCrawl(markup.crawl().withMaxErrors(WebErrorBudget.ofRatio(1)));

    assertThatThrownBy(() -> run(source))
        .hasMessageContaining("selector 'li.product-card' matched nothing")
        .hasMessageContaining("(after 1 page and 0 rows, 0 failed pages; no file was landed)");
  }

  @Test
  void whenACountBudgetIsExceededTheMessageAndTheProgressGiveTheSameCount() {
    for (int i = 0; i < 12; i++) {
      site.removeProduct(site.products().get(i * 2));
    }
    WebSourceConfig details = source(DETAILS);
    WebSourceConfig source =
        details.withCrawl(details.crawl().withMaxErrors(WebErrorBudget.ofCount(3)));

    assertThatThrownBy(() -> run(source))
        .isInstanceOfSatisfying(
            ScrapeFailedException.class, e -> assertThat(e.progress().errors()).isEqualTo(4))
        .hasMessageContaining("Cannot crawl: 4 pages failed, more than crawl.max_errors (3) allows")
        .hasMessageContaining(", 4 failed pages; no file was landed");
  }

  @Test
  void theEnvironmentVariableOverridesTheProjectsErrorBudget() {
    ShopProduct gone = site.products().get(5);
    site.removeProduct(gone);
    WebSourceConfig source = source(DETAILS, Map.of("LAGOA_SCRAPE_MAX_ERRORS", "0"));

    assertThat(source.crawl().maxErrors()).isEqualTo(WebErrorBudget.ofCount(0));
    assertThatThrownBy(() -> run(source))
        .hasMessageContaining("Cannot fetch " + site.baseUri() + gone.path() + ": HTTP 404");
  }

  @Test
  void anErrorBudgetThatIsNeitherACountNorAPercentageIsAConfigurationProblem() {
    assertThatThrownBy(() -> source(DETAILS, Map.of("LAGOA_SCRAPE_MAX_ERRORS", "lots")))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "environment variable LAGOA_SCRAPE_MAX_ERRORS was 'lots' but it must be a number of"
                + " pages (5) or a percentage (10%)");
  }

  @Test
  void browserSettingsInHtmlModeSayHowToSwitchModes() {
    assertThatThrownBy(
            () ->
                source(
                    DETAILS
                        + """
                        browser: {wait_for: li.product-card}
                        """))
        .hasMessageContaining(
            "sources.shop.browser is not used in html mode (set mode: browser to render pages in"
                + " Chromium, or remove browser: html mode fetches pages without running their"
                + " JavaScript)");
  }

  @Test
  void aCsvBodyThatIsNotBase64IsReportedAsSuch() {
    String yaml =
        """
        sources:
          prices:
            type: web
            mode: csv
            start_urls: ["%s/shop/export/prices.csv"]
            landing: landing
            crawl: {requests_per_second: 0, retries: 0}
            csv: {encoding: ISO-8859-1, delimiter: ";", base64: true}
            extract:
              - fields: {sku: {column: sku}}
        """
            .formatted(site.baseUri());
    WebSourceConfig source =
        (WebSourceConfig)
            new ProjectConfigLoader(name -> null)
                .parse(project, "lagoa.yaml", yaml)
                .sources()
                .get("prices");

    assertThatThrownBy(() -> run(source))
        .hasMessageContaining(
            "Cannot read "
                + site.baseUri()
                + "/shop/export/prices.csv: csv.base64 is set but its body is not base64; it starts"
                + " with 'sku;name;price' (if the download is plain CSV, set csv.base64: false)");
  }
}
