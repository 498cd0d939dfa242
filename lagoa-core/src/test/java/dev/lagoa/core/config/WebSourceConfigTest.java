package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebSourceConfigTest {
  private static final Path PROJECT = Path.of("/projects/books");

  private static ProjectConfig parse(String yaml, Map<String, String> environment) {
    return new ProjectConfigLoader(environment::get).parse(PROJECT, "lagoa.yaml", yaml);
  }

  @Test
  void readsAnHtmlSourceWithItsRulesAndTheBaseUrlFromTheEnvironment() {
    String yaml =
        """
        sources:
          books_web:
            type: web
            start_urls: ["${BOOKS_BASE_URL:-https://books.toscrape.com}/index.html"]
            landing: landing/books
            crawl: {concurrency: 4, requests_per_second: 0.5, backoff: 250ms, timeout: 10s}
            follow:
              - selector: ".side_categories ul ul a"
                required: true
                pages: "index\\\\.html$"
            extract:
              - pages: "/catalogue/[^/]+_\\\\d+/index\\\\.html$"
                fields:
                  price: {selector: p.price_color, type: decimal}
                  rating: {selector: p.star-rating, attribute: class, type: word-number}
                  stock: {selector: [".availability", ".instock"], type: integer, required: false}
            dedupe_key: [price]
        """;

    WebSourceConfig source =
        (WebSourceConfig)
            parse(yaml, Map.of("BOOKS_BASE_URL", "http://127.0.0.1:8080"))
                .sources()
                .get("books_web");

    assertThat(source.mode()).isEqualTo(WebFetchMode.HTML);
    assertThat(source.startUrls()).containsExactly(URI.create("http://127.0.0.1:8080/index.html"));
    assertThat(source.landing()).isEqualTo(PROJECT.resolve("landing/books"));
    assertThat(source.filePrefix()).isEqualTo("books_web");
    assertThat(source.crawl().concurrency()).isEqualTo(4);
    assertThat(source.crawl().requestsPerSecond()).isEqualTo(0.5);
    assertThat(source.crawl().backoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(source.crawl().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(source.crawl().respectRobotsTxt()).isTrue();
    assertThat(source.follow())
        .containsExactly(new WebLinkRule(".side_categories ul ul a", "", "index\\.html$", true));
    WebExtractRule rule = source.extract().get(0);
    assertThat(rule.fields())
        .extracting(SourceField::name, SourceField::type, SourceField::required)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("price", SourceFieldType.DECIMAL, true),
            org.assertj.core.groups.Tuple.tuple("rating", SourceFieldType.WORD_NUMBER, true),
            org.assertj.core.groups.Tuple.tuple("stock", SourceFieldType.INTEGER, false));
    assertThat(rule.fields().get(2).from()).containsExactly(".availability", ".instock");
    assertThat(rule.fields().get(1).attribute()).isEqualTo("class");
    assertThat(source.dedupeKey()).containsExactly("price");
  }

  @Test
  void readsAJsonApiSourceWithPtBrNumbersAndAPageScopedDate() {
    String yaml =
        """
        sources:
          ibov:
            type: web
            mode: json
            landing: landing/ibov
            file_prefix: ibov_portfolio
            api:
              url: "https://example.com/GetPortfolioDay/{params}"
              params: '{"pageNumber":{page},"pageSize":20}'
              params_encoding: base64
              total_pages: /page/totalPages
            extract:
              - rows: /results
                fields:
                  part: {path: /part, type: decimal, locale: pt-BR}
                  date: {path: /header/date, scope: page, type: date, format: dd/MM/yy}
        """;

    WebSourceConfig source = (WebSourceConfig) parse(yaml, Map.of()).sources().get("ibov");

    assertThat(source.api())
        .isEqualTo(
            new WebApiOptions(
                "https://example.com/GetPortfolioDay/{params}",
                "{\"pageNumber\":{page},\"pageSize\":20}",
                WebApiOptions.ParamsEncoding.BASE64,
                1,
                "/page/totalPages"));
    SourceField part = source.extract().get(0).fields().get(0);
    assertThat(part.locale()).isEqualTo(Locale.forLanguageTag("pt-BR"));
    SourceField date = source.extract().get(0).fields().get(1);
    assertThat(date.scope()).isEqualTo(SourceFieldScope.PAGE);
    assertThat(date.format()).isEqualTo("dd/MM/yy");
    assertThat(source.filePrefix()).isEqualTo("ibov_portfolio");
    assertThat(source.output()).isEqualTo(WebOutputOptions.DEFAULT);
  }

  @Test
  void parquetOutputNeedsTheDateItIsPartitionedBy() {
    String yaml =
        """
        sources:
          ibov:
            type: web
            mode: json
            landing: landing/ibov
            api: {url: "https://example.com/{params}", params: '{}'}
            extract: [{rows: /results, fields: {date: {path: /date}}}]
            output: {format: %s}
        """;

    WebSourceConfig parquet =
        (WebSourceConfig)
            parse(yaml.formatted("parquet, partition_by_date: date"), Map.of())
                .sources()
                .get("ibov");

    assertThat(parquet.output())
        .isEqualTo(new WebOutputOptions(WebOutputOptions.Format.PARQUET, "date"));
    assertThatThrownBy(() -> parse(yaml.formatted("parquet"), Map.of()))
        .hasMessageContaining(
            "sources.ibov.output.partition_by_date is missing but Parquet output is partitioned by a date field");
  }

  @Test
  void reportsEveryProblemOfAWebSourceWithItsPath() {
    String yaml =
        """
        sources:
          broken:
            type: web
            mode: json
            start_urls: [ftp://example.com]
            file_prefix: "bad prefix"
            crawl: {concurrency: 0, backoff: soon, requests_per_second: -1}
            browser: {wait_for: "#list"}
            api: {url: "https://example.com/api", params: "{}", total_pages: page.total}
            extract:
              - rows: results
                fields:
                  price: {selector: p.price, type: money}
                  when: {path: /date, type: date, format: "dd/mm/yy/QQQQQQ"}
        """;

    assertThatThrownBy(() -> parse(yaml, Map.of()))
        .isInstanceOf(LagoaException.class)
        .hasMessageContainingAll(
            "sources.broken.start_urls is not used in json mode: the first page comes from api.url",
            "sources.broken.landing is missing but it is required",
            "sources.broken.file_prefix was 'bad prefix' but it must hold only letters, digits, _"
                + " and -",
            "sources.broken.crawl.concurrency was '0' but it must be at least 1",
            "sources.broken.crawl.backoff was 'soon' but it must be a duration such as 500ms, 30s"
                + " or 2m",
            "sources.broken.crawl.requests_per_second was '-1' but it must be a number, 0 or more",
            "sources.broken.browser is not used in json mode",
            "sources.broken.api.url was 'https://example.com/api' but it must contain {params}"
                + " where the params go",
            "sources.broken.api.total_pages was 'page.total' but it must be a JSON pointer such as"
                + " /results",
            "sources.broken.extract[0].rows was 'results' but it must be a JSON pointer such as"
                + " /results",
            "sources.broken.extract[0].fields.price.selector is not used in json mode (use path)",
            "sources.broken.extract[0].fields.price.path is missing but it is required",
            "sources.broken.extract[0].fields.price.type was 'money' but it must be one of auto,"
                + " text, integer, decimal, word-number, date",
            "sources.broken.extract[0].fields.when.format was 'dd/mm/yy/QQQQQQ' but it is not a"
                + " date pattern");
  }

  @Test
  void aPageLimitOverrideChangesNothingElse() {
    String yaml =
        """
        sources:
          books_web:
            type: web
            start_urls: [https://books.toscrape.com/]
            landing: landing/books
            extract:
              - fields: {title: {selector: h1}}
        """;
    WebSourceConfig source = (WebSourceConfig) parse(yaml, Map.of()).sources().get("books_web");

    WebSourceConfig limited = source.withMaxPages(5);

    assertThat(limited.crawl().maxPages()).isEqualTo(5);
    assertThat(limited.withMaxPages(source.crawl().maxPages())).isEqualTo(source);
    assertThat(List.of(limited.crawl().concurrency(), limited.crawl().retries()))
        .containsExactly(source.crawl().concurrency(), source.crawl().retries());
  }
}
