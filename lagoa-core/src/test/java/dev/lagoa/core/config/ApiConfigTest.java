package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiConfigTest {
  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(name -> null)
        .parse(Path.of("/projects/books"), "lagoa.yaml", yaml);
  }

  @Test
  void readsResourcesWithTheirFiltersSortingAndPageSizes() {
    ApiConfig api =
        parse(
                """
                api:
                  auth: {access_token_ttl: 10m, refresh_token_ttl: 2d, max_failed_logins: 3}
                  sql: {max_rows: 50, timeout: 3s}
                  resources:
                    books:
                      table: gold.books
                      key: upc
                      columns: [upc, title, price, category]
                      filters:
                        category: one_of
                        price: range
                        name: {column: title, match: contains}
                      sort: [price, title]
                      page_size: {default: 10, max: 50}
                      refresh: true
                  counts:
                    categories: {table: gold.books, column: category}
                  stats:
                    stats: {table: gold.books, group_by: [category], measures: [price], latest: scraped_at_utc}
                """)
            .api();

    ApiResource books = api.resources().get("books");
    assertThat(books.filters())
        .containsExactly(
            new ApiFilter("category", "category", ApiFilterMatch.ONE_OF),
            new ApiFilter("price", "price", ApiFilterMatch.RANGE),
            new ApiFilter("name", "title", ApiFilterMatch.CONTAINS));
    assertThat(books.filters().get(1).parameters()).containsExactly("price_min", "price_max");
    assertThat(books.sortable()).containsExactly("price", "title");
    assertThat(books.defaultPageSize()).isEqualTo(10);
    assertThat(books.maxPageSize()).isEqualTo(50);
    assertThat(books.refresh()).isTrue();
    assertThat(api.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(api.auth().refreshTokenTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(api.auth().maxFailedLogins()).isEqualTo(3);
    assertThat(api.sql().maxRows()).isEqualTo(50);
    assertThat(api.sql().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(api.counts().get("categories").column()).isEqualTo("category");
    assertThat(api.stats().get("stats").latest()).isEqualTo("scraped_at_utc");
    assertThat(api.stats().get("stats").measures()).isEqualTo(List.of("price"));
  }

  @Test
  void aProjectWithoutAnApiSectionHasTheOriginalTokenLifetimes() {
    ApiConfig api = parse("name: plain\n").api();

    assertThat(api.resources()).isEmpty();
    assertThat(api.auth().accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(api.auth().refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    api:
                      auth: {access_token_ttl: soon}
                      resources:
                        Books:
                          table: books
                          key: upc
                          columns: [title]
                          filters:
                            price: between
                            stock: range
                          sort: [rating]
                          page_size: {default: 200, max: 100}
                          colour: red
                      counts:
                        Books: {table: gold.books, column: category}
                    """))
        .hasMessage(
            """
            Invalid configuration lagoa.yaml:
              - lagoa.yaml:2:28: api.auth.access_token_ttl was 'soon' but it must be a positive duration such as 500ms, 30s, 15m, 2h or 7d
              - lagoa.yaml:4:5: api.resources.Books is not a valid path name: use lower-case letters, digits, _ and -
              - lagoa.yaml:5:14: api.resources.Books.table was 'books' but it must be namespace.name
              - lagoa.yaml:7:16: api.resources.Books.columns was [title] but it must hold the key upc
              - lagoa.yaml:9:16: api.resources.Books.filters.price was 'between' but it must be one of equals, one_of, range, contains
              - lagoa.yaml:10:16: api.resources.Books.filters.stock filters column stock which is not among the exposed columns [title]
              - lagoa.yaml:11:13: api.resources.Books.sort names rating which is not among the exposed columns [title]
              - lagoa.yaml:12:28: api.resources.Books.page_size.default was '200' but it must be at most max (100)
              - lagoa.yaml:13:15: api.resources.Books.colour is not a known setting
              - lagoa.yaml:15:5: api.counts.Books is not a valid path name: use lower-case letters, digits, _ and -
              - lagoa.yaml:1:1: api.Books is declared twice: every name is a path /api/v1/Books""");
  }
}
