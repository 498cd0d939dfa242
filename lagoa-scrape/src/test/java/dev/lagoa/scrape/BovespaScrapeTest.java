package dev.lagoa.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.core.config.WebOutputOptions;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.testing.data.BovespaGenerator;
import dev.lagoa.testing.data.IbovAsset;
import dev.lagoa.testing.data.IbovPortfolio;
import dev.lagoa.testing.sites.B3Site;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bovespa example's two scrapers, API and CSV download, against the B3 fixture service. */
class BovespaScrapeTest {
  /** 9 February: swapping day and month would give 2 September. */
  private static final LocalDate PORTFOLIO_DATE = LocalDate.of(2024, 2, 9);

  /** The run happens on another day entirely, so a date taken from the clock would show. */
  private static final Clock RUN_CLOCK =
      Clock.fixed(Instant.parse("2030-07-15T10:00:00Z"), ZoneOffset.UTC);

  private static final BovespaGenerator GENERATOR = new BovespaGenerator(5);

  /** What the site serves, drawn here straight from the generator rather than read back from it. */
  private static final IbovPortfolio PORTFOLIO = GENERATOR.portfolio(PORTFOLIO_DATE);

  private static B3Site site;

  @BeforeAll
  static void startTheSite() {
    site = B3Site.start(GENERATOR, PORTFOLIO_DATE);
  }

  @AfterAll
  static void stopTheSite() {
    site.close();
  }

  private static WebSourceConfig source(String name, Path landing) {
    WebSourceConfig source =
        Landed.exampleSource(
            "bovespa", name, Map.of("B3_BASE_URL", site.baseUri().toString()), landing);
    // Rows are read back from NDJSON here; the Parquet output has its own test below.
    return source
        .withOutput(WebOutputOptions.DEFAULT)
        .withCrawl(
            new WebCrawlOptions(
                100,
                2,
                0,
                true,
                1,
                Duration.ofMillis(5),
                Duration.ofSeconds(10),
                "LagoaBot/0.1 (test)",
                0));
  }

  @Test
  void landsEveryStockOfThePortfolioFromThePagedApiWithPtBrNumbersParsed(@TempDir Path landing) {
    ScrapeResult result =
        new WebScraper(RUN_CLOCK).run(source("ibov_api", landing), ProgressListener.NONE);

    int pageSize = 20; // as the example's params ask
    assertThat(result.pages()).isEqualTo((PORTFOLIO.assets().size() + pageSize - 1) / pageSize);
    List<Map<String, Object>> rows = Landed.rows(result.file());
    assertRowsMatchThePortfolio(rows);
    assertThat(PORTFOLIO.assets().stream().map(IbovAsset::segment).distinct())
        .hasSizeGreaterThan(5);
    for (IbovAsset asset : PORTFOLIO.assets()) {
      assertThat(row(rows, asset).get("setor")).as(asset.cod()).isEqualTo(asset.segment());
    }
  }

  @Test
  void landsParquetUnderThePortfolioDaysFoldersWhenConfiguredAndNothingElse(@TempDir Path landing)
      throws Exception {
    WebSourceConfig parquet =
        source("ibov_api", landing)
            .withOutput(new WebOutputOptions(WebOutputOptions.Format.PARQUET, "data_carteira"));

    ScrapeResult result = new WebScraper(RUN_CLOCK).run(parquet, ProgressListener.NONE);

    Path day = landing.resolve("year=2024/month=02/day=09");
    assertThat(result.file().getParent()).isEqualTo(day);
    assertThat(result.file().getFileName().toString())
        .startsWith("ibov_api_20300715T")
        .endsWith(".parquet");
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(landing)) {
      assertThat(files.filter(java.nio.file.Files::isRegularFile).toList())
          .containsExactlyInAnyOrder(
              result.file(), dev.lagoa.core.files.ScrapeRun.manifestOf(result.file()));
    }
    try (dev.lagoa.duckdb.DuckEngine engine = dev.lagoa.duckdb.DuckEngine.open()) {
      List<String> codes =
          engine.queryStrings(
              "SELECT codigo || ':' || data_carteira FROM read_parquet('"
                  + result.file()
                  + "') ORDER BY 1");
      assertThat(codes)
          .containsExactlyElementsOf(
              PORTFOLIO.assets().stream()
                  .map(asset -> asset.cod() + ":2024-02-09")
                  .sorted()
                  .toList());
    }
  }

  @Test
  void landsTheSameRowsFromTheLatin1CsvDownload(@TempDir Path landing) {
    ScrapeResult result =
        new WebScraper(RUN_CLOCK).run(source("ibov_csv", landing), ProgressListener.NONE);

    assertThat(result.pages()).isEqualTo(1);
    assertRowsMatchThePortfolio(Landed.rows(result.file())); // the download has no sector column
  }

  private static void assertRowsMatchThePortfolio(List<Map<String, Object>> rows) {
    List<IbovAsset> assets = PORTFOLIO.assets();
    assertThat(rows).hasSize(assets.size());
    // The cases worth parsing: Latin-1 accents, thousands groups beyond the first.
    assertThat(assets)
        .anySatisfy(asset -> assertThat(asset.asset()).containsAnyOf("Ã", "Á", "Ç", "Ú", "Í"));
    assertThat(assets)
        .anySatisfy(asset -> assertThat(asset.theoricalQty()).isGreaterThan(1_000_000_000L));
    for (IbovAsset asset : assets) {
      Map<String, Object> row = row(rows, asset);
      assertThat(row.get("acao")).isEqualTo(asset.asset());
      assertThat(row.get("tipo")).isEqualTo(asset.type());
      assertThat(((Number) row.get("qtde_teorica")).longValue()).isEqualTo(asset.theoricalQty());
      assertThat((BigDecimal) row.get("participacao_pct")).isEqualByComparingTo(asset.part());
      assertThat(row.get("data_carteira")).isEqualTo("2024-02-09");
      assertThat(row.get("scraped_at_utc")).isEqualTo("2030-07-15T10:00:00.000Z");
    }
  }

  private static Map<String, Object> row(List<Map<String, Object>> rows, IbovAsset asset) {
    return rows.stream()
        .filter(row -> asset.cod().equals(row.get("codigo")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No landed row for " + asset.cod()));
  }
}
