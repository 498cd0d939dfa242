package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lagoa serve} keeps a PostgreSQL change stream running: changes reach the lake table in
 * seconds without any run asking, the model downstream rebuilds on its upstream trigger, {@code
 * /metrics} shows the stream, and a restart of the source database is ridden out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeCdcTest {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String ITEMS_LAKE =
      "SELECT id || '|' || name || '|' || price AS r FROM shop_raw.items ORDER BY id";

  @TempDir static Path workspace;
  static Path pgData;
  static int port;
  static EmbeddedPostgres postgres;
  static Path project;
  static ServeProcess serve;

  @BeforeAll
  static void startDatabaseAndServe() throws Exception {
    pgData = workspace.resolve("pgdata");
    postgres = startPostgres(0);
    port = postgres.getPort();
    execute(
        "CREATE SCHEMA shop",
        "CREATE TABLE shop.items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2))",
        "INSERT INTO shop.items VALUES (1, 'kettle', 29.90), (2, 'toaster', 45.00),"
            + " (3, 'blender', 79.50)");
    project = Files.createDirectories(workspace.resolve("shop"));
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: shop
        catalog: {uri: "jdbc:sqlite:warehouse/catalog.db", warehouse: warehouse}
        sources:
          shop:
            type: postgres-cdc
            url: jdbc:postgresql://127.0.0.1:%d/postgres
            user: postgres
            schema: shop
            tables: [items]
            namespace: shop_raw
            batch: {interval_ms: 200, max_changes: 1000}
        serve:
          poll_interval: 300ms
        triggers:
          totals_on_change:
            on: upstream
            models: item_totals
        """
            .formatted(port));
    Files.createDirectories(project.resolve("models/marts"));
    Files.writeString(
        project.resolve("models/marts/item_totals.sql"),
        """
        /* lagoa:
        materialized: table
        */
        SELECT count(*) AS items, sum(price) AS total FROM {{ source('shop', 'items') }}
        """);
    Files.writeString(
        project.resolve("models/schema.yml"),
        """
        sources:
          shop:
            namespace: shop_raw
        """);
    serve = ServeProcess.start(project);
  }

  @AfterAll
  static void stop() throws Exception {
    if (serve != null) {
      serve.close();
    }
    postgres.close();
  }

  @Test
  @Order(1)
  void theStreamSnapshotsTheTableAndFollowsChangesWithoutARun() throws Exception {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> lake(ITEMS_LAKE).size() == 3);

    execute(
        "UPDATE shop.items SET price = 31.00 WHERE id = 1",
        "DELETE FROM shop.items WHERE id = 2",
        "INSERT INTO shop.items VALUES (4, 'grinder', 120.00)",
        "UPDATE shop.items SET id = 30, name = 'blender pro' WHERE id = 3");

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () ->
                assertThat(lake(ITEMS_LAKE))
                    .containsExactly("1|kettle|31.00", "4|grinder|120.00", "30|blender pro|79.50"));
    // The upstream trigger rebuilt the model from the captured table.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () ->
                assertThat(lake("SELECT items || '|' || total FROM marts.item_totals"))
                    .containsExactly("3|230.50"));
    assertThat(serve.log()).contains("cdc_stream_started source=shop");
  }

  @Test
  @Order(2)
  void metricsShowTheStreamItsLagAndTheChangeLatency() throws Exception {
    String base = serve.url().orElseThrow();
    String metrics = get(base + "/metrics");
    assertThat(metrics)
        .contains("lagoa_cdc_running{project=\"shop\",source=\"shop\"} 1.0")
        .contains("lagoa_cdc_lag_bytes{project=\"shop\",source=\"shop\"}")
        .contains("lagoa_cdc_events_total{project=\"shop\",source=\"shop\"}")
        .containsPattern("lagoa_cdc_change_latency_seconds_count\\{[^}]*source=\"shop\"} [1-9]");
  }

  @Test
  @Order(3)
  void aRestartOfTheSourceDatabaseIsRiddenOutAndLaterChangesStillArrive() throws Exception {
    postgres.close();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .until(() -> serve.log().contains("cdc_stream_failed source=shop"));
    postgres = startPostgres(port);
    execute("INSERT INTO shop.items VALUES (5, 'scale', 15.25)");

    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () ->
                assertThat(lake(ITEMS_LAKE))
                    .containsExactly(
                        "1|kettle|31.00",
                        "4|grinder|120.00",
                        "5|scale|15.25",
                        "30|blender pro|79.50"));
    assertThat(get(serve.url().orElseThrow() + "/metrics"))
        .containsPattern("lagoa_cdc_restarts\\{project=\"shop\",source=\"shop\"} [1-9]");
  }

  private static EmbeddedPostgres startPostgres(int port) throws Exception {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setServerConfig("wal_level", "logical")
            .setServerConfig("max_replication_slots", "10");
    if (port > 0) {
      builder.setPort(port);
    }
    return builder.start();
  }

  private static void execute(String... statements) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static List<String> lake(String sql) {
    List<String> lines = ServeProcess.query(project, sql);
    return lines.isEmpty() ? List.of() : lines.subList(1, lines.size());
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
