package dev.lagoa.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.api.auth.Role;
import dev.lagoa.runtime.QueryResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The books API over real HTTP against the books example's warehouse; expected values come from
 * hand-written SQL run through {@code lagoa sql}'s code path over the same snapshot.
 */
class BooksApiTest {
  private static BooksProject books;
  private static ApiServer server;
  private static String reader;

  @BeforeAll
  static void start() {
    books = BooksProject.shared();
    server = new ApiServer(books, Clock.systemUTC());
    server.user("reader", Role.READER);
    server.user("admin", Role.ADMIN);
    reader = server.login("reader");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> column(JsonNode data, String field) {
    List<String> values = new ArrayList<>();
    data.forEach(row -> values.add(row.get(field).asText()));
    return values;
  }

  private static List<String> column(QueryResult result) {
    return result.rows().stream().map(row -> row.get(0)).toList();
  }

  @Test
  void filtersSortAndPagesAgreeWithTheSameQueryInSql() {
    ApiServer.Response response =
        server.get(
            "/api/v1/books?category=Poetry,Travel,Mystery&price_min=15&price_max=45.5&rating_min=2"
                + "&sort=-rating,price&page=2&size=7",
            reader);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    long snapshot = Long.parseLong(response.header("Lagoa-Snapshot"));
    String where =
        " FROM gold.books WHERE category IN ('Poetry', 'Travel', 'Mystery') AND price >= 15"
            + " AND price <= 45.5 AND rating >= 2";
    List<String> expected =
        column(
            books.sql(
                "SELECT upc" + where + " ORDER BY rating DESC, price ASC, upc LIMIT 7 OFFSET 7",
                snapshot));
    JsonNode body = response.json();
    assertThat(expected).hasSize(7);
    assertThat(column(body.get("data"), "upc")).isEqualTo(expected);
    assertThat(body.get("total").asText())
        .isEqualTo(books.single("SELECT count(*)" + where, snapshot));
    assertThat(body.get("page").asInt()).isEqualTo(2);
    assertThat(body.get("links").get("next").asText())
        .isEqualTo(
            "/api/v1/books?category=Poetry%2CTravel%2CMystery&price_min=15&price_max=45.5"
                + "&rating_min=2&sort=-rating%2Cprice&page=3&size=7&snapshot="
                + snapshot);
    assertThat(body.get("data").get(0).fieldNames())
        .toIterable()
        .containsExactly(
            "upc", "title", "price", "rating", "stock", "category", "source_url", "scraped_at_utc");
  }

  @Test
  void titleSearchIgnoresCaseAndAgreesWithSql() {
    JsonNode body = server.get("/api/v1/books?title=THE&sort=title&size=100", reader).json();

    List<String> expected =
        column(
            books.sql(
                "SELECT upc FROM gold.books WHERE lower(title) LIKE '%the%' ORDER BY title, upc LIMIT 100",
                null));
    assertThat(column(body.get("data"), "upc")).isEqualTo(expected);
    assertThat(body.get("total").asText())
        .isEqualTo(
            books.single("SELECT count(*) FROM gold.books WHERE lower(title) LIKE '%the%'", null));
  }

  @Test
  void oneBookIsReadByItsUpc() {
    List<String> row =
        books
            .sql("SELECT upc, title, price FROM gold.books ORDER BY upc LIMIT 1", null)
            .rows()
            .get(0);

    ApiServer.Response response = server.get("/api/v1/books/" + row.get(0), reader);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("title").asText()).isEqualTo(row.get(1));
    assertThat(response.json().get("price").asText()).isEqualTo(row.get(2));
    ApiServer.Response missing = server.get("/api/v1/books/no-such-upc", reader);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("message").asText())
        .isEqualTo("books has no row with upc 'no-such-upc'");
  }

  @Test
  void aBadValueIsRefusedNamingTheParameter() {
    ApiServer.Response response = server.get("/api/v1/books?price_min=abc", reader);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("error").asText()).isEqualTo("bad_parameter");
    assertThat(response.json().get("parameter").asText()).isEqualTo("price_min");
    assertThat(response.json().get("message").asText())
        .isEqualTo("price_min was 'abc' but it must be a number");
  }

  @Test
  void anUnknownParameterIsRefusedNotIgnored() {
    ApiServer.Response response = server.get("/api/v1/books?colour=red", reader);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("parameter").asText()).isEqualTo("colour");
    assertThat(response.json().get("message").asText())
        .startsWith("colour is not a parameter of this endpoint (known: category, page, price_max");
  }

  @Test
  void sortingByAColumnNotDeclaredSortableIsRefused() {
    ApiServer.Response response = server.get("/api/v1/books?sort=-source_url", reader);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("parameter").asText()).isEqualTo("sort");
    assertThat(response.json().get("message").asText())
        .isEqualTo(
            "sort named 'source_url' but it can sort by title, price, rating, stock, category"
                + " (prefix - for descending)");
  }

  @Test
  void aPageSizeAboveTheMaximumIsRefused() {
    ApiServer.Response response = server.get("/api/v1/books?size=101", reader);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("message").asText())
        .isEqualTo("size was '101' but it must be between 1 and 100");
  }

  @Test
  void anUnchangedSnapshotAnswersNotModified() {
    ApiServer.Response first = server.get("/api/v1/books?category=Poetry", reader);

    ApiServer.Response second =
        server.get("/api/v1/books?category=Poetry", reader, "If-None-Match", first.header("ETag"));

    assertThat(first.header("ETag")).isEqualTo("\"" + first.header("Lagoa-Snapshot") + "\"");
    assertThat(second.status()).isEqualTo(304);
    assertThat(second.body()).isEmpty();
  }

  @Test
  void categoriesCountTheirBooksAsSqlDoes() {
    JsonNode body = server.get("/api/v1/categories", reader).json();
    long snapshot = body.get("snapshot").asLong();

    Map<String, String> expected = new TreeMap<>();
    books
        .sql("SELECT category, count(*) FROM gold.books GROUP BY category", snapshot)
        .rows()
        .forEach(row -> expected.put(row.get(0), row.get(1)));
    Map<String, String> served = new TreeMap<>();
    body.get("data")
        .forEach(item -> served.put(item.get("category").asText(), item.get("count").asText()));
    assertThat(served).isEqualTo(expected).hasSize(50);
    assertThat(body.get("data").get(0).get("count").asLong())
        .isEqualTo(
            Long.parseLong(
                books.single(
                    "SELECT max(n) FROM (SELECT count(*) AS n FROM gold.books GROUP BY category)",
                    snapshot)));
  }

  @Test
  void statsSummariseTheTableAsSqlDoes() {
    JsonNode body = server.get("/api/v1/stats", reader).json();
    long snapshot = body.get("snapshot").asLong();

    assertThat(body.get("total").asText())
        .isEqualTo(books.single("SELECT count(*) FROM gold.books", snapshot));
    List<String> minAvgMax =
        books
            .sql("SELECT min(price), avg(price), max(price) FROM gold.books", snapshot)
            .rows()
            .get(0);
    assertThat(body.get("price").get("min").asText()).isEqualTo(minAvgMax.get(0));
    assertThat(body.get("price").get("avg").asDouble())
        .isEqualTo(Double.parseDouble(minAvgMax.get(1)));
    assertThat(body.get("price").get("max").asText()).isEqualTo(minAvgMax.get(2));
    assertThat(body.get("rating_distribution").get("5").asText())
        .isEqualTo(books.single("SELECT count(*) FROM gold.books WHERE rating = 5", snapshot));
    assertThat(body.get("by_category").get("Poetry").asText())
        .isEqualTo(
            books.single("SELECT count(*) FROM gold.books WHERE category = 'Poetry'", snapshot));
    assertThat(body.get("last_scraped_at_utc").asText())
        .isEqualTo(books.single("SELECT max(scraped_at_utc) FROM gold.books", snapshot));
  }

  @Test
  void aCommitWhilePagingDoesNotChangeAPinnedPageAndIsServedWithoutRestart() {
    ApiServer.Response before = server.get("/api/v1/books?sort=price&size=5", reader);
    String pinnedNext = before.json().get("links").get("next").asText();
    String pinnedSnapshot = before.header("Lagoa-Snapshot");
    List<String> pageTwoBefore = column(server.get(pinnedNext, reader).json().get("data"), "upc");

    books.commitScrape(
        "books_29990101T000000Z.jsonl.gz",
        List.of(
            cheapBook("00000000cheap001", "A Very Cheap Book"),
            cheapBook("00000000cheap002", "Another Cheap Book")));

    ApiServer.Response pinned = server.get(pinnedNext, reader);
    assertThat(pinned.header("Lagoa-Snapshot")).isEqualTo(pinnedSnapshot);
    assertThat(column(pinned.json().get("data"), "upc")).isEqualTo(pageTwoBefore);
    ApiServer.Response current = server.get("/api/v1/books?sort=price&size=5", reader);
    assertThat(current.header("Lagoa-Snapshot")).isNotEqualTo(pinnedSnapshot);
    assertThat(column(current.json().get("data"), "upc"))
        .startsWith("00000000cheap001", "00000000cheap002");
    assertThat(current.json().get("total").asLong())
        .isEqualTo(before.json().get("total").asLong() + 2);
    assertThat(
            server
                .get(
                    "/api/v1/books?sort=price&size=5",
                    reader,
                    "If-None-Match",
                    before.header("ETag"))
                .status())
        .isEqualTo(200);
  }

  private static String cheapBook(String upc, String title) {
    return "{\"upc\":\""
        + upc
        + "\",\"title\":\""
        + title
        + "\",\"price\":0.5,\"rating\":3,\"stock\":1,\"category\":\"Poetry\","
        + "\"source_url\":\"http://127.0.0.1/cheap\",\"scraped_at_utc\":\"2999-01-01T00:00:00Z\"}";
  }

  @Test
  void aPinnedSnapshotThatDoesNotExistIsRefused() {
    ApiServer.Response response = server.get("/api/v1/books?snapshot=42", reader);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("message").asText())
        .isEqualTo("snapshot was '42' but table gold.books has no such snapshot");
  }

  @Test
  void anAdminRefreshStartsTheBooksPipelineAndItsRunCanBePolled() {
    String admin = server.login("admin");

    ApiServer.Response started = server.post("/api/v1/books/refresh", admin, "");

    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String poll = started.json().get("status_url").asText();
    assertThat(started.header("Location")).isEqualTo(poll);
    await()
        .atMost(Duration.ofMinutes(3))
        .until(
            () -> server.get(poll, admin).json().get("status").asText(),
            s -> s.equals("succeeded") || s.equals("failed"));
    JsonNode state = server.get(poll, admin).json();
    assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("succeeded");
    assertThat(state.get("message").asText()).contains("1 scrapes");
    assertThat(server.post("/api/v1/books/refresh", reader, "").status()).isEqualTo(403);
  }

  @Test
  void theOpenApiDocumentDescribesTheDeclaredResources() {
    ApiServer.Response response = server.get("/openapi.json", null);

    JsonNode paths = response.json().get("paths");
    assertThat(response.json().get("openapi").asText()).startsWith("3.");
    assertThat(paths.fieldNames())
        .toIterable()
        .contains(
            "/api/v1/books",
            "/api/v1/books/{key}",
            "/api/v1/categories",
            "/api/v1/stats",
            "/api/v1/books/refresh",
            "/api/v1/sql",
            "/auth/login");
    List<String> parameters = new ArrayList<>();
    paths
        .get("/api/v1/books")
        .get("get")
        .get("parameters")
        .forEach(p -> parameters.add(p.get("name").asText()));
    assertThat(parameters)
        .containsExactly(
            "category",
            "price_min",
            "price_max",
            "rating_min",
            "rating_max",
            "title",
            "sort",
            "page",
            "size",
            "snapshot");
    ApiServer.Response page = server.get("/api/docs", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<code>/api/v1/books</code>").doesNotContain("<script");
  }
}
