package dev.lagoa.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.WebCrawlOptions;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.testing.sites.B3Asset;
import dev.lagoa.testing.sites.B3Portfolio;
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

  private static B3Site site;

  @BeforeAll
  static void startTheSite() {
    site = B3Site.start(B3Portfolio.generate(5, 47, PORTFOLIO_DATE));
  }

  @AfterAll
  static void stopTheSite() {
    site.close();
  }

  private static WebSourceConfig source(String name, Path landing) {
    WebSourceConfig source =
        Landed.exampleSource(
            "bovespa", name, Map.of("B3_BASE_URL", site.baseUri().toString()), landing);
    return source.withCrawl(
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

    assertThat(result.pages()).isEqualTo(3); // 47 stocks, 20 a page
    assertRowsMatchThePortfolio(Landed.rows(result.file()));
  }

  @Test
  void landsTheSameRowsFromTheLatin1CsvDownload(@TempDir Path landing) {
    ScrapeResult result =
        new WebScraper(RUN_CLOCK).run(source("ibov_csv", landing), ProgressListener.NONE);

    assertThat(result.pages()).isEqualTo(1);
    assertRowsMatchThePortfolio(Landed.rows(result.file()));
  }

  private static void assertRowsMatchThePortfolio(List<Map<String, Object>> rows) {
    List<B3Asset> assets = site.portfolio().assets();
    assertThat(rows).hasSize(assets.size());
    assertThat(assets)
        .anySatisfy(asset -> assertThat(asset.name()).containsAnyOf("Ã", "Á", "Ç", "Ú"));
    assertThat(assets)
        .anySatisfy(asset -> assertThat(asset.theoreticalQuantity()).isGreaterThan(1_000_000_000L));
    for (int i = 0; i < assets.size(); i++) {
      B3Asset asset = assets.get(i);
      Map<String, Object> row =
          rows.stream().filter(r -> asset.code().equals(r.get("codigo"))).findFirst().orElseThrow();
      assertThat(row.get("acao")).isEqualTo(asset.name());
      assertThat(row.get("tipo")).isEqualTo(asset.type());
      assertThat(((Number) row.get("qtde_teorica")).longValue())
          .isEqualTo(asset.theoreticalQuantity());
      assertThat((BigDecimal) row.get("participacao_pct"))
          .isEqualByComparingTo(asset.participation());
      assertThat(row.get("data_carteira")).isEqualTo("2024-02-09");
      assertThat(row.get("scraped_at_utc")).isEqualTo("2030-07-15T10:00:00.000Z");
    }
  }
}
