package dev.lagoa.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.api.auth.Role;
import dev.lagoa.core.config.ApiConfig;
import dev.lagoa.core.config.ApiSqlSettings;
import dev.lagoa.core.config.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL endpoint answers read-only queries over the project's tables and refuses or cuts off
 * every attempt to reach anything else; the server keeps answering afterwards.
 */
class SqlEndpointTest {
  private static final Path OUTSIDE =
      Path.of(System.getProperty("java.io.tmpdir"), "lagoa-sql-attack");
  private static BooksProject books;
  private static ApiServer server;
  private static String analyst;
  private static String catalogFile;

  @BeforeAll
  static void start() {
    books = BooksProject.shared();
    ProjectConfig config = books.config();
    ApiConfig api = config.api();
    ProjectConfig limited =
        new ProjectConfig(
            config.name(),
            config.directory(),
            config.catalog(),
            config.sources(),
            config.maintenance(),
            new ApiConfig(
                api.auth(),
                new ApiSqlSettings(500, Duration.ofSeconds(2), 20_000),
                api.resources(),
                api.counts(),
                api.stats()),
            config.serve(),
            config.ml());
    server = new ApiServer(books, limited, Clock.systemUTC());
    server.user("sql-analyst", Role.ANALYST);
    analyst = server.login("sql-analyst");
    catalogFile = config.catalog().uri().substring("jdbc:sqlite:".length());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static ApiServer.Response sql(String query) {
    return server.post("/api/v1/sql", analyst, JsonBodies.object().put("sql", query).toString());
  }

  static Stream<String> attacks() {
    String catalog =
        BooksProject.shared().config().catalog().uri().substring("jdbc:sqlite:".length());
    String out = OUTSIDE.toString();
    return Stream.of(
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv_auto('/etc/passwd')",
        "SELECT * FROM read_csv(['/etc/passwd', '/etc/hostname'])",
        "FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_parquet('/etc/passwd')",
        "SELECT * FROM read_json('/etc/passwd')",
        "SELECT * FROM read_json_auto('/etc/passwd')",
        "SELECT * FROM read_ndjson_objects('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_blob('/etc/passwd')",
        "SELECT * FROM sniff_csv('/etc/passwd')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM read_text('" + catalog + "')",
        "SELECT * FROM '" + catalog + "'",
        "SELECT * FROM (SELECT * FROM (FROM read_text('/etc/passwd')))",
        "WITH x AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM x",
        "SELECT (SELECT count(*) FROM read_text('/etc/passwd')) AS n",
        "SELECT * FROM gold.books WHERE title IN (SELECT content FROM read_text('/etc/passwd'))",
        "SUMMARIZE SELECT * FROM read_csv('/etc/passwd')",
        "DESCRIBE SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM query_table('gold.books')",
        "SELECT * FROM query('SELECT * FROM read_text(''/etc/passwd'')')",
        "COPY (SELECT 1) TO '" + out + ".csv'",
        "COPY gold.books TO '" + out + ".parquet' (FORMAT parquet)",
        "EXPORT DATABASE '" + out + "'",
        "ATTACH '" + out + ".db' AS stolen",
        "ATTACH '" + catalog + "' AS catalog (TYPE sqlite)",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "RESET allowed_directories",
        "PRAGMA enable_profiling",
        "CALL duckdb_settings()",
        "CREATE TABLE copied AS SELECT * FROM gold.books",
        "DROP VIEW gold.books",
        "SELECT 1; SELECT * FROM read_csv('/etc/passwd')",
        "SELECT 1; COPY (SELECT 1) TO '" + out + "-2.csv'",
        "SELECT 1 /* ; */ ; ATTACH '" + out + "-2.db'",
        "SELECT 1 -- comment\n; INSTALL httpfs",
        "/* SELECT */ COPY (SELECT 1) TO '" + out + "-3.csv'",
        "SELECT " + "1 + ".repeat(6_000) + "1",
        "SELECT count(*) FROM gold.books a, gold.books b, gold.books c, gold.books d, gold.books e");
  }

  @ParameterizedTest
  @MethodSource("attacks")
  void anAttackIsRefusedOrCutOffAndTheServerStillAnswers(String attack) throws Exception {
    ApiServer.Response response = sql(attack);

    assertThat(response.status()).as(response.body()).isIn(400, 408);
    assertThat(response.json().get("error").asText()).isIn("query_refused", "query_timeout");
    assertThat(response.body()).doesNotContain("root:x:0").doesNotContain("$2a$");
    assertThat(server.get("/auth/me", analyst).status()).isEqualTo(200);
    try (Stream<Path> files = Files.list(OUTSIDE.getParent())) {
      assertThat(files.map(Path::toString).filter(f -> f.startsWith(OUTSIDE.toString())))
          .as("files written outside the warehouse")
          .isEmpty();
    }
  }

  @Test
  void theAttackListIsLongEnough() {
    assertThat(attacks().count()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void aFileReaderIsRefusedNamingTheFunction() {
    ApiServer.Response response = sql("SELECT * FROM read_csv('/etc/passwd')");

    assertThat(response.json().get("message").asText())
        .isEqualTo(
            "Cannot run query: table function read_csv is not allowed here: query the project's"
                + " tables by name (see lagoa tables)");
  }

  @Test
  void aSecondStatementIsRefused() {
    ApiServer.Response response = sql("SELECT 1; SELECT 2");

    assertThat(response.json().get("message").asText())
        .isEqualTo("Cannot run query: it holds 2 statements but exactly one SELECT may run here");
  }

  @Test
  void aQueryThatRunsForeverIsCutOffByTheTimeLimit() {
    ApiServer.Response response =
        sql("SELECT count(*) FROM gold.books a, gold.books b, gold.books c, gold.books d");

    assertThat(response.status()).isEqualTo(408);
    assertThat(response.json().get("message").asText())
        .isEqualTo(
            "Cannot run query: it ran longer than the time limit of 2000 ms and was cancelled");
  }

  @Test
  void aQueryReadsEveryTableAsLagoaSqlDoes() {
    ApiServer.Response response =
        sql(
            "SELECT category, count(*) AS n, round(avg(price), 2) AS avg_price FROM books"
                + " GROUP BY category ORDER BY category");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("columns").get(1).get("name").asText()).isEqualTo("n");
    List<List<String>> served = new ArrayList<>();
    body.get("rows")
        .forEach(
            row -> {
              List<String> values = new ArrayList<>();
              row.forEach(value -> values.add(value.asText()));
              served.add(values);
            });
    assertThat(served)
        .isEqualTo(
            books
                .sql(
                    "SELECT category, count(*), round(avg(price), 2) FROM gold.books GROUP BY 1 ORDER BY 1",
                    null)
                .rows());
    assertThat(body.get("truncated").asBoolean()).isFalse();
  }

  @Test
  void csvIsAnsweredWhenAsked() {
    ApiServer.Response response =
        server.post(
            "/api/v1/sql",
            analyst,
            JsonBodies.object()
                .put("sql", "SELECT upc, title FROM gold.books ORDER BY upc LIMIT 3")
                .put("format", "csv")
                .toString());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/csv");
    List<List<String>> rows =
        books.sql("SELECT upc, title FROM gold.books ORDER BY upc LIMIT 3", null).rows();
    StringBuilder expected = new StringBuilder("upc,title\n");
    for (List<String> row : rows) {
      String title = row.get(1);
      if (title.contains(",") || title.contains("\"")) {
        title = "\"" + title.replace("\"", "\"\"") + "\"";
      }
      expected.append(row.get(0)).append(',').append(title).append('\n');
    }
    assertThat(response.body()).isEqualTo(expected.toString());
  }

  @Test
  void rowsBeyondTheLimitAreCutAndTheAnswerSaysSo() {
    ApiServer.Response response = sql("SELECT upc FROM gold.books");

    assertThat(response.json().get("row_count").asInt()).isEqualTo(500);
    assertThat(response.json().get("truncated").asBoolean()).isTrue();
    assertThat(response.header("Lagoa-Truncated")).isEqualTo("true");
  }

  @Test
  void theCatalogDatabaseWithPasswordHashesCannotBeRead() {
    ApiServer.Response response = sql("SELECT * FROM read_blob('" + catalogFile + "')");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("$2a$");
  }
}
