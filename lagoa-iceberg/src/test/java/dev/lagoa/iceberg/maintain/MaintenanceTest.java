package dev.lagoa.iceberg.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.ConsumedFile;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.LedgerFiles;
import dev.lagoa.iceberg.commit.TableCommit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot expiry and orphan removal on a real catalog and real files. */
class MaintenanceTest {
  @TempDir Path root;
  LakeCatalog catalog;
  Table table;

  @BeforeEach
  void openCatalog() {
    Path warehouse = root.resolve("warehouse");
    catalog =
        LakeCatalog.open(
            new CatalogConfig(
                "lagoa",
                "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                warehouse.toString(),
                Map.of()));
    table =
        catalog.create(
            "bronze.events",
            new Schema(Types.NestedField.optional(1, "id", Types.LongType.get())),
            PartitionSpec.unpartitioned());
  }

  @AfterEach
  void closeCatalog() {
    catalog.close();
  }

  private DataFile dataFile(String name) throws Exception {
    Path path = Path.of(table.location(), "data", name + ".parquet");
    Files.createDirectories(path.getParent());
    Files.write(path, new byte[] {1, 2, 3});
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(path.toString())
        .withFileSizeInBytes(3)
        .withRecordCount(1)
        .build();
  }

  private Snapshot load(String name, List<ConsumedFile> ledger) throws Exception {
    table.refresh();
    String ledgerFile = LedgerFiles.write(table, "events", ledger);
    return TableCommit.commit(
        table,
        table.currentSnapshot(),
        CommitPlan.append(
            List.of(dataFile(name)), LagoaSummary.empty().withLedgerFile("events", ledgerFile)),
        "load " + name);
  }

  @Test
  void expiryKeepsTheLastSnapshotsLedgerAndDeletesTheLedgerFilesOnlyExpiredSnapshotsUsed()
      throws Exception {
    ConsumedFile a = new ConsumedFile("a.json", 1, 1);
    ConsumedFile b = new ConsumedFile("b.json", 1, 2);
    Snapshot first = load("a", List.of(a));
    load("b", List.of(a, b));
    String firstLedger = LagoaSummary.of(first).ledgerFile("events").orElseThrow();

    SnapshotExpiry.Result result =
        SnapshotExpiry.expire(table, Duration.ZERO, 1, InstantSource.system());
    table.refresh();

    assertThat(result.snapshotsExpired()).isEqualTo(1);
    assertThat(result.ledgerFilesDeleted()).isEqualTo(1);
    assertThat(Files.exists(Path.of(firstLedger))).isFalse();
    assertThat(
            LedgerFiles.read(
                table, LagoaSummary.of(table.currentSnapshot()).ledgerFile("events").orElseThrow()))
        .containsExactly(a, b);
  }

  @Test
  void orphanRemovalDeletesOnlyUnreferencedFilesOlderThanTheGracePeriod() throws Exception {
    load("a", List.of(new ConsumedFile("a.json", 1, 1)));
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    Path dataDirectory = Path.of(table.location(), "data");
    Path old = Files.write(dataDirectory.resolve("killed-writer.parquet"), new byte[] {9});
    Path young = Files.write(dataDirectory.resolve("about-to-commit.parquet"), new byte[] {9});
    Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(4))));
    Files.setLastModifiedTime(young, FileTime.from(now.minus(Duration.ofHours(1))));
    try (var files = Files.walk(Path.of(table.location()))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.equals(young)) {
          Files.setLastModifiedTime(file, FileTime.from(now.minus(Duration.ofDays(5))));
        }
      }
    }

    OrphanFiles.Result result = OrphanFiles.remove(table, Duration.ofDays(3), () -> now);

    assertThat(result.filesDeleted()).isEqualTo(1);
    assertThat(old).doesNotExist();
    assertThat(young).exists();
    assertThat(Path.of(table.location(), "data", "a.parquet")).exists();
    table.refresh();
    assertThat(Path.of(LagoaSummary.of(table.currentSnapshot()).ledgerFile("events").orElseThrow()))
        .exists();
  }
}
