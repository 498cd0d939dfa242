package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.testing.sites.ShopSite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lagoa run} on a project with two independent pipelines — a scraped shop and landed sensor
 * readings — when one source fails, when sources are named, skipped or disabled.
 */
class RunFailuresTest {
  @TempDir Path project;
  private ShopSite shop;

  private record Result(int exit, String out, String err) {}

  @BeforeEach
  void createProject() throws Exception {
    shop = ShopSite.start(16, 3);
    Files.createDirectories(project.resolve("landing/shop"));
    Path readings = Files.createDirectories(project.resolve("landing/readings"));
    Files.writeString(
        readings.resolve("readings_1.jsonl"),
        """
        {"sensor": "s1", "celsius": 21.5}
        {"sensor": "s1", "celsius": 22.0}
        {"sensor": "s2", "celsius": 19.0}
        """);
    writeConfig("");
    Path models = Files.createDirectories(project.resolve("models"));
    Files.writeString(
        models.resolve("shop_summary.sql"),
        """
        /* lagoa:
        materialized: table
        */
        SELECT count(*) AS products FROM {{ source('bronze', 'shop_products') }}
        """);
    Files.writeString(
        models.resolve("sensor_means.sql"),
        """
        /* lagoa:
        materialized: table
        */
        SELECT sensor, avg(celsius) AS mean_celsius FROM {{ source('bronze', 'readings') }}
        GROUP BY sensor
        """);
    Files.writeString(
        models.resolve("warmest_sensor.sql"),
        """
        /* lagoa:
        materialized: table
        */
        SELECT sensor FROM {{ ref('sensor_means') }} ORDER BY mean_celsius DESC LIMIT 1
        """);
  }

  private void writeConfig(String shopExtra) throws Exception {
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: two_pipelines
        sources:
          shop:
            type: web
            start_urls: ["%s"]
            landing: landing/shop
            crawl: {requests_per_second: 0, retries: 0}
            follow: [{selector: "link[rel=next]"}]
            extract:
              - pages: "/shop/(\\\\?|$)"
                rows: li.product-card
                fields: {name: {selector: "h2 a"}}
        %s
          shop_raw:
            type: files
            path: landing/shop
            table: bronze.shop_products
          readings:
            type: files
            path: landing/readings
            table: bronze.readings
        """
            .formatted(shop.listingUri(), shopExtra.indent(4).stripTrailing()));
  }

  @AfterEach
  void stopTheShop() {
    shop.close();
  }

  private Result lagoa(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withProject = new String[args.length + 2];
    System.arraycopy(args, 0, withProject, 0, args.length);
    withProject[args.length] = "--project";
    withProject[args.length + 1] = project.toString();
    int exit = Main.execute(withProject, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  private String csv(String query) {
    return lagoa("sql", "--format", "csv", query).out();
  }

  @Test
  void aFailingWebSourceSkipsOnlyWhatDependsOnItAndTheRunExitsNonZero() {
    shop.layout(ShopSite.Layout.REDESIGNED);

    Result run = lagoa("run");

    assertThat(run.exit()).isEqualTo(Main.INTERNAL_ERROR);
    assertThat(run.err())
        .contains("error: source shop failed: Cannot scrape source shop: Cannot extract rows from")
        .contains("1 source(s) failed; everything that did not depend on them ran");
    assertThat(run.out())
        .contains("readings -> bronze.readings: 1 new file(s), 3 rows loaded")
        .contains("skipped shop_raw: its web source shop failed")
        .contains("skipped models shop_summary: their input shop_raw did not run");
    assertThat(csv("SELECT sensor FROM warmest_sensor")).isEqualTo("sensor\ns1\n");
    assertThat(lagoa("tables").out())
        .doesNotContain("shop_products")
        .doesNotContain("shop_summary");
  }

  @Test
  void namingAWebSourceLoadsWhatItLandsAndBuildsTheModelsDownstreamOfIt() {
    Result run = lagoa("run", "shop");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("shop: 2 pages, 16 rows landed")
        .contains("shop_raw -> bronze.shop_products: 1 new file(s), 16 rows loaded")
        .contains("shop_summary")
        .doesNotContain("readings")
        .doesNotContain("sensor_means");
    assertThat(csv("SELECT products FROM shop_summary")).isEqualTo("products\n16\n");
  }

  @Test
  void namingAFilesSourceBuildsItsModelsAndTheirDescendants() {
    Result run = lagoa("run", "readings");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("sensor_means")
        .contains("warmest_sensor")
        .doesNotContain("shop");
  }

  @Test
  void aDisabledSourceIsLeftOutOfAWholeRunAndRunsWhenNamed() throws Exception {
    writeConfig("enabled: false");

    Result whole = lagoa("run");
    Result named = lagoa("run", "shop");

    assertThat(whole.exit()).as(whole.err()).isZero();
    assertThat(whole.out())
        .contains("skipped shop: enabled: false in lagoa.yaml")
        .contains("readings -> bronze.readings")
        .contains(
            "skipped models shop_summary: their input bronze.shop_products does not exist yet"
                + " (shop_raw found no file)")
        .doesNotContain("rows landed");
    assertThat(named.out()).contains("shop: 2 pages, 16 rows landed");
  }

  @Test
  void skippedSourcesAreLeftOutAndSaidSo() {
    Result run = lagoa("run", "--skip", "shop,readings");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("skipped shop: --skip")
        .contains("skipped readings: --skip")
        .contains(
            "skipped models sensor_means, warmest_sensor: their input bronze.readings does not"
                + " exist yet (readings has not loaded it)")
        .contains("shop_raw -> bronze.shop_products: 0 new file(s)")
        .doesNotContain("rows landed")
        .doesNotContain("readings -> bronze.readings");
  }

  @Test
  void anErrorBudgetOnTheCommandLineThatIsNotOneIsBadInput() {
    Result run = lagoa("run", "--max-errors", "lots");

    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err())
        .contains(
            "Cannot run: --max-errors was 'lots' but it must be a number of pages (5) or a"
                + " percentage of the pages tried (10%)");
  }

  @Test
  void theErrorBudgetOnTheCommandLineLetsARunWithDeadPagesLandAndTheSummaryCountsThem()
      throws Exception {
    shop.removeProduct(shop.products().get(0));
    Files.writeString(
        project.resolve("lagoa.yaml"),
        Files.readString(project.resolve("lagoa.yaml"))
            .replace(
                "follow: [{selector: \"link[rel=next]\"}]",
                "follow: [{selector: \"link[rel=next]\"}, {selector: \"h2 a\"}]"));

    Result strict = lagoa("scrape", "shop", "--max-errors", "0");
    Result lenient = lagoa("scrape", "shop", "--max-errors", "1");

    assertThat(strict.exit()).isEqualTo(Main.INTERNAL_ERROR);
    assertThat(strict.err()).contains("HTTP 404");
    assertThat(lenient.exit()).as(lenient.err()).isZero();
    assertThat(lenient.out())
        .contains("1 page(s) failed, within crawl.max_errors; listed in")
        .contains(".shop_failures.jsonl");
  }
}
