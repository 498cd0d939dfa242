package dev.lagoa.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.iceberg.LakeCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdcReplicatorTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static CdcFixture postgres;

  @TempDir Path warehouse;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = new CdcFixture();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  private CdcReplicator replicator(LakeCatalog catalog, PostgresCdcSourceConfig source) {
    return new CdcReplicator(catalog, source, postgres.endpoint(), Clock.systemUTC());
  }

  @Test
  void aRandomWorkloadLeavesEveryLakeTableEqualToItsSourceRowForRow() {
    PostgresCdcSourceConfig source = postgres.newSource(List.of(), Optional.of("_changes"));
    String s = source.schema();
    postgres.execute(
        "CREATE TABLE "
            + s
            + ".items (id int PRIMARY KEY, name text, price double precision, body text)",
        "CREATE TABLE " + s + ".pairs (a int, b bigint, label varchar(20), PRIMARY KEY (a, b))",
        "CREATE TABLE " + s + ".notes (id bigint PRIMARY KEY, note text)",
        "INSERT INTO "
            + s
            + ".items SELECT g, 'item ' || g, g * 1.5, NULL FROM generate_series(1, 500) g",
        "INSERT INTO " + s + ".pairs SELECT g % 50, g, 'p' || g FROM generate_series(1, 300) g",
        "INSERT INTO " + s + ".notes SELECT g, 'n' || g FROM generate_series(1, 100) g");
    try (LakeCatalog catalog = CdcFixture.catalog(warehouse)) {
      CatchUpReport first = replicator(catalog, source).catchUp(TIMEOUT);
      assertThat(first.snapshotRows()).isEqualTo(900);
      assertEqual(catalog, source);

      SplittableRandom random = new SplittableRandom(11);
      for (int round = 0; round < 3; round++) {
        postgres.execute(workload(s, random, round));
        replicator(catalog, source).catchUp(TIMEOUT);
        assertEqual(catalog, source);
      }
    }
  }

  private static String[] workload(String s, SplittableRandom random, int round) {
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      int id = random.nextInt(1, 800);
      switch (random.nextInt(6)) {
        case 0 ->
            statements.add(
                "INSERT INTO "
                    + s
                    + ".items VALUES ("
                    + id
                    + ", 'new "
                    + id
                    + "', "
                    + id
                    + ".25, NULL) ON CONFLICT (id) DO UPDATE SET name = 'upserted'");
        case 1 ->
            statements.add(
                "UPDATE "
                    + s
                    + ".items SET price = price + 1, name = name || '!' WHERE id = "
                    + id);
        case 2 -> statements.add("DELETE FROM " + s + ".items WHERE id = " + id);
        case 3 ->
            statements.add(
                "UPDATE "
                    + s
                    + ".items SET id = id + 1000 WHERE id = "
                    + id
                    + " AND NOT EXISTS (SELECT 1 FROM "
                    + s
                    + ".items WHERE id = "
                    + (id + 1000)
                    + ")");
        case 4 ->
            // Large incompressible text is stored out of line (TOAST); later updates of other
            // columns do not send it again.
            statements.add(
                "UPDATE "
                    + s
                    + ".items SET body = (SELECT string_agg(md5(random()::text), '')"
                    + " FROM generate_series(1, 300)) WHERE id = "
                    + id);
        default ->
            statements.add(
                "UPDATE "
                    + s
                    + ".pairs SET label = 'l"
                    + i
                    + "', b = b + 100000 WHERE a = "
                    + (id % 50)
                    + " AND b = (SELECT min(b) FROM "
                    + s
                    + ".pairs WHERE a = "
                    + (id % 50)
                    + ")");
      }
    }
    if (round == 1) {
      statements.add("TRUNCATE " + s + ".notes");
      statements.add(
          "INSERT INTO " + s + ".notes SELECT g, 'again ' || g FROM generate_series(1, 30) g");
    }
    statements.add("UPDATE " + s + ".items SET price = price * 2 WHERE id % 7 = 0");
    return statements.toArray(String[]::new);
  }

  private static void assertEqual(LakeCatalog catalog, PostgresCdcSourceConfig source) {
    String s = source.schema();
    String ns = source.namespace();
    assertThat(
            CdcFixture.lakeRows(
                catalog, ns + ".items", "id, name, (price * 4)::bigint, md5(body)", "id"))
        .isEqualTo(
            postgres.sourceRows(s + ".items", "id, name, (price * 4)::bigint, md5(body)", "id"));
    assertThat(CdcFixture.lakeRows(catalog, ns + ".pairs", "a, b, label", "a, b"))
        .isEqualTo(postgres.sourceRows(s + ".pairs", "a, b, label", "a, b"));
    assertThat(CdcFixture.lakeRows(catalog, ns + ".notes", "id, note", "id"))
        .isEqualTo(postgres.sourceRows(s + ".notes", "id, note", "id"));
  }

  @Test
  void columnsAddedAndDroppedMidStreamReachTheLakeTableWithoutARestart() {
    PostgresCdcSourceConfig source = postgres.newSource(List.of("people"), Optional.empty());
    String t = source.schema() + ".people";
    postgres.execute(
        "CREATE TABLE " + t + " (id int PRIMARY KEY, name text, score int, note text)",
        "INSERT INTO " + t + " VALUES (1, 'ana', 10, 'x'), (2, 'bo', 20, 'y')");
    try (LakeCatalog catalog = CdcFixture.catalog(warehouse)) {
      replicator(catalog, source).catchUp(TIMEOUT);
      try (CdcStream stream = replicator(catalog, source).stream()) {
        stream.start();
        postgres.execute(
            "INSERT INTO " + t + " VALUES (3, 'cy', 30, 'z')",
            "ALTER TABLE " + t + " ADD COLUMN city text",
            "INSERT INTO " + t + " VALUES (4, 'di', 40, 'w', 'Porto')",
            "UPDATE " + t + " SET city = 'Lisboa' WHERE id = 1",
            "ALTER TABLE " + t + " DROP COLUMN note",
            "INSERT INTO " + t + " VALUES (5, 'ed', 50, 'Faro')");
        String columns = "id, name, score, city";
        org.awaitility.Awaitility.await()
            .atMost(TIMEOUT)
            // Until the new column arrives, the query naming it fails.
            .ignoreExceptionsMatching(e -> e.getMessage().contains("Binder Error"))
            .untilAsserted(
                () -> {
                  stream.throwIfFailed();
                  assertThat(
                          CdcFixture.lakeRows(
                              catalog, source.namespace() + ".people", columns, "id"))
                      .isEqualTo(postgres.sourceRows(t, columns, "id"));
                });
        assertThat(stream.running()).isTrue();
      }
      assertThat(catalog.load(source.namespace() + ".people").schema().findField("note")).isNull();
    }
  }

  @Test
  void aWidenedColumnIsPromotedInPlaceAndItsOldValuesStayRight() {
    PostgresCdcSourceConfig source = postgres.newSource(List.of("scores"), Optional.empty());
    String t = source.schema() + ".scores";
    postgres.execute(
        "CREATE TABLE " + t + " (id int PRIMARY KEY, score int, ratio real)",
        "INSERT INTO " + t + " VALUES (1, 10, 0.5), (2, 20, 1.5)");
    try (LakeCatalog catalog = CdcFixture.catalog(warehouse)) {
      replicator(catalog, source).catchUp(TIMEOUT);
      postgres.execute("INSERT INTO " + t + " VALUES (3, 30, 2.5)");
      replicator(catalog, source).catchUp(TIMEOUT);
      postgres.execute(
          "ALTER TABLE " + t + " ALTER COLUMN score TYPE bigint",
          "ALTER TABLE " + t + " ALTER COLUMN ratio TYPE double precision",
          "INSERT INTO " + t + " VALUES (5, 5000000000, 0.25)");

      replicator(catalog, source).catchUp(TIMEOUT);

      String columns = "id, score, (ratio * 4)::bigint";
      assertThat(CdcFixture.lakeRows(catalog, source.namespace() + ".scores", columns, "id"))
          .isEqualTo(postgres.sourceRows(t, columns, "id"))
          .contains("3|30|10", "5|5000000000|1");
      org.apache.iceberg.Schema schema = catalog.load(source.namespace() + ".scores").schema();
      assertThat(schema.findField("score").type())
          .isEqualTo(org.apache.iceberg.types.Types.LongType.get());
      assertThat(schema.findField("ratio").type())
          .isEqualTo(org.apache.iceberg.types.Types.DoubleType.get());
    }
  }

  @Test
  void aDroppedSlotGivesAClearErrorAndAResnapshotCopiesTheTablesAgain() {
    PostgresCdcSourceConfig source = postgres.newSource(List.of("kv"), Optional.empty());
    String t = source.schema() + ".kv";
    postgres.execute(
        "CREATE TABLE " + t + " (k int PRIMARY KEY, v text)",
        "INSERT INTO " + t + " SELECT g, 'v' || g FROM generate_series(1, 50) g");
    try (LakeCatalog catalog = CdcFixture.catalog(warehouse)) {
      replicator(catalog, source).catchUp(TIMEOUT);
      postgres.execute(
          "SELECT pg_drop_replication_slot('" + source.slot() + "')",
          "DELETE FROM " + t + " WHERE k <= 10",
          "UPDATE " + t + " SET v = 'changed' WHERE k = 20");

      assertThatThrownBy(() -> replicator(catalog, source).catchUp(TIMEOUT))
          .isInstanceOf(LagoaException.class)
          .hasMessageContaining(
              "Cannot resume capturing source "
                  + source.name()
                  + ": replication slot "
                  + source.slot()
                  + " no longer exists")
          .hasMessageContaining("lagoa cdc resnapshot " + source.name());

      assertThat(replicator(catalog, source).requestResnapshot())
          .containsExactly(source.namespace() + ".kv");
      CatchUpReport again = replicator(catalog, source).catchUp(TIMEOUT);
      assertThat(again.snapshotRows()).isEqualTo(40);
      assertThat(CdcFixture.lakeRows(catalog, source.namespace() + ".kv", "k, v", "k"))
          .isEqualTo(postgres.sourceRows(t, "k, v", "k"));
    }
  }

  @Test
  void statusReportsTheSlotTheLakePositionAndNoLagAfterACatchUp() {
    PostgresCdcSourceConfig source = postgres.newSource(List.of("s"), Optional.empty());
    postgres.execute(
        "CREATE TABLE " + source.schema() + ".s (id int PRIMARY KEY)",
        "INSERT INTO " + source.schema() + ".s VALUES (1)");
    try (LakeCatalog catalog = CdcFixture.catalog(warehouse)) {
      CatchUpReport report = replicator(catalog, source).catchUp(TIMEOUT);
      postgres.execute("INSERT INTO " + source.schema() + ".s VALUES (2)");

      CdcStatus status = replicator(catalog, source).status();

      assertThat(status.slotExists()).isTrue();
      assertThat(status.slot()).isEqualTo(source.slot());
      assertThat(status.lakeLsn()).isEqualTo(report.lakeLsn());
      assertThat(status.lagBytes()).isPositive();
      assertThat(status.lastCommit()).isPresent();
      assertThat(status.tables()).containsExactly(source.namespace() + ".s");
    }
  }

  @Test
  void aTableWithoutPrimaryKeyIsRefusedByName() {
    PostgresCdcSourceConfig source = postgres.newSource(List.of("loose"), Optional.empty());
    postgres.execute("CREATE TABLE " + source.schema() + ".loose (x int)");
    try (LakeCatalog catalog = CdcFixture.catalog(warehouse)) {
      assertThatThrownBy(() -> replicator(catalog, source).catchUp(TIMEOUT))
          .isInstanceOf(LagoaException.class)
          .hasMessageContaining(
              "Cannot capture table "
                  + source.schema()
                  + ".loose of source "
                  + source.name()
                  + ": it has no primary key")
          .hasMessageContaining("without_primary_key: append-only");
    }
  }
}
