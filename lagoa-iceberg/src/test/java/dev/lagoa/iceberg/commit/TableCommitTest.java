package dev.lagoa.iceberg.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.files.ScrapeRun;
import dev.lagoa.iceberg.LakeCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit template against a real JDBC catalog on SQLite in a temporary folder. */
class TableCommitTest {
  private static final Schema SCHEMA =
      new Schema(Types.NestedField.optional(1, "id", Types.LongType.get()));

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
    table = catalog.create("bronze.events", SCHEMA, PartitionSpec.unpartitioned());
  }

  @AfterEach
  void closeCatalog() {
    catalog.close();
  }

  private DataFile file(String name, long rows) {
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(table.location() + "/data/" + name + ".parquet")
        .withFileSizeInBytes(100 * rows)
        .withRecordCount(rows)
        .build();
  }

  private List<String> files(Table table) {
    table.refresh();
    List<String> names = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> names.add(Path.of(task.file().location()).getFileName().toString()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    names.sort(String::compareTo);
    return names;
  }

  @Test
  void aCommitPlannedFromASnapshotAnotherWriterMovedPastIsRefused() {
    Snapshot base = TableCommit.commit(table, null, append("a"), "append a");
    Table other = catalog.load("bronze.events");
    Snapshot theirs = TableCommit.commit(other, base, append("b"), "append b");

    assertThatThrownBy(() -> TableCommit.commit(table, base, append("c"), "append c"))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining(
            "Cannot append c: another writer committed snapshot "
                + theirs.snapshotId()
                + " to bronze.events after this commit was planned from snapshot "
                + base.snapshotId())
        .satisfies(
            e ->
                assertThat(((CommitConflictException) e).category())
                    .isEqualTo(ErrorCategory.EXTERNAL));
    assertThat(files(table)).containsExactly("a.parquet", "b.parquet");
  }

  @Test
  void aCommitToAnEmptyTableIsRefusedWhenAnotherWriterCommittedFirst() {
    Table other = catalog.load("bronze.events");
    TableCommit.commit(other, null, append("b"), "append b");

    assertThatThrownBy(() -> TableCommit.commit(table, null, append("a"), "append a"))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("after this commit was planned from the empty table");
  }

  @Test
  void aCatalogConflictThatAddedNoSnapshotIsRetried() {
    Snapshot base = TableCommit.commit(table, null, append("a"), "append a");
    // Another writer changes the table's metadata; this Table object has not seen it, so its
    // first attempt loses the race in the catalog.
    catalog.load("bronze.events").updateProperties().set("owner", "someone").commit();

    Snapshot committed = TableCommit.commit(table, base, append("b"), "append b");

    assertThat(committed.parentId()).isEqualTo(base.snapshotId());
    assertThat(files(table)).containsExactly("a.parquet", "b.parquet");
    assertThat(catalog.load("bronze.events").properties()).containsEntry("owner", "someone");
  }

  @Test
  void aPlannerIsAskedAgainFromTheSnapshotThatGotThereFirst() {
    TableCommit.commit(table, null, append("a"), "append a");
    AtomicInteger plans = new AtomicInteger();
    List<Long> bases = new ArrayList<>();

    TableCommit.commit(
        table,
        "append c",
        base -> {
          bases.add(base.snapshotId());
          if (plans.incrementAndGet() == 1) {
            Table other = catalog.load("bronze.events");
            TableCommit.commit(other, other.currentSnapshot(), append("b"), "append b");
          }
          return append("c");
        });

    assertThat(plans).hasValue(2);
    assertThat(bases.get(1)).isNotEqualTo(bases.get(0));
    assertThat(files(table)).containsExactly("a.parquet", "b.parquet", "c.parquet");
  }

  @Test
  void aPlannerThatRefusesIsNotAskedAgain() {
    AtomicInteger plans = new AtomicInteger();

    assertThatThrownBy(
            () ->
                TableCommit.commit(
                    table,
                    "append a",
                    base -> {
                      plans.incrementAndGet();
                      throw new CommitConflictException(
                          "bronze.events", "Cannot append a: no", null);
                    }))
        .hasMessage("Cannot append a: no");
    assertThat(plans).hasValue(1);
  }

  private static final ScrapeRun BOOKS_RUN =
      new ScrapeRun("books_20251122T012533123Z", "books_web", 1051, 1000, 2, 1, 0, 5300);

  @Test
  void everySummaryEntryReadsBackAsItWasWritten() {
    ConsumedFile first = new ConsumedFile("cars/a.json", 120, 1_700_000_000_000L);
    ConsumedFile second = new ConsumedFile("cars/b c.json", 0, 1_700_000_000_001L);
    LagoaSummary written =
        LagoaSummary.empty()
            .withIngest(new LagoaSummary.IngestEntry("cars", List.of(first, second), 7, 2, 1))
            .withLedgerFile("cars", "/w/metadata/lagoa-ledger-cars-1.gz")
            .withQuarantineFiles(List.of("/w/q/1.parquet", "/w/q/2.parquet"))
            .withModelBookmark(
                new LagoaSummary.ModelBookmark(
                    "silver", Map.of("bronze.cars", 11L, "bronze.models", 0L), "abc123"))
            .withModelRun("run-1", "incremental")
            .withSourceOffset("movielens", "0/16B3748")
            .withScrapeRuns(List.of(BOOKS_RUN));

    Snapshot snapshot =
        TableCommit.commit(table, null, CommitPlan.append(List.of(file("a", 7)), written), "a");
    LagoaSummary read = LagoaSummary.of(catalog.load("bronze.events").currentSnapshot());

    assertThat(read).isEqualTo(written);
    assertThat(read.ingest())
        .contains(new LagoaSummary.IngestEntry("cars", List.of(first, second), 7, 2, 1));
    assertThat(read.ledgerFile("cars")).contains("/w/metadata/lagoa-ledger-cars-1.gz");
    assertThat(read.quarantineFiles()).containsExactly("/w/q/1.parquet", "/w/q/2.parquet");
    assertThat(read.modelBookmark())
        .contains(
            new LagoaSummary.ModelBookmark(
                "silver", Map.of("bronze.cars", 11L, "bronze.models", 0L), "abc123"));
    assertThat(read.sourceOffset("movielens")).contains("0/16B3748");
    assertThat(read.scrapeRuns()).containsExactly(BOOKS_RUN);
    assertThat(snapshot.summary())
        .containsEntry("lagoa.ingest.file-count", "2")
        .containsEntry(
            "lagoa.scrape.books_20251122T012533123Z",
            "source=books_web;pages=1051;rows=1000;failed-pages=2;blocked=1;skipped=0;"
                + "elapsed-ms=5300");
    assertThat(LagoaSummary.dataVersion(snapshot)).isEqualTo(snapshot.snapshotId());
  }

  @Test
  void ledgerBookmarkAndOffsetsSurviveCompactionAndExpiryOfEveryOlderSnapshot() {
    List<ConsumedFile> consumed =
        List.of(new ConsumedFile("a.json", 1, 10), new ConsumedFile("b.json", 2, 20));
    String ledger = LedgerFiles.write(table, "cars", consumed);
    Snapshot loaded =
        TableCommit.commit(
            table,
            null,
            CommitPlan.append(
                List.of(file("a", 1), file("b", 1)),
                LagoaSummary.empty()
                    .withLedgerFile("cars", ledger)
                    .withSourceOffset("cdc", "42")
                    .withModelBookmark(
                        new LagoaSummary.ModelBookmark("m", Map.of("x.y", 5L), "f"))),
            "load");

    Snapshot compacted =
        TableCommit.commit(
            table,
            loaded,
            CommitPlan.rewrite(
                List.of(file("a", 1), file("b", 1)),
                List.of(file("ab", 2)),
                LagoaSummary.empty().withMaintenance("compact")),
            "compact");
    table.expireSnapshots().expireOlderThan(compacted.timestampMillis() + 1).retainLast(1).commit();
    Table reloaded = catalog.load("bronze.events");
    LagoaSummary current = LagoaSummary.of(reloaded.currentSnapshot());

    assertThat(reloaded.snapshots()).hasSize(1);
    assertThat(compacted.operation()).isEqualTo(DataOperations.REPLACE);
    assertThat(LedgerFiles.read(reloaded, current.ledgerFile("cars").orElseThrow()))
        .containsExactlyElementsOf(consumed);
    assertThat(current.sourceOffset("cdc")).contains("42");
    assertThat(current.modelBookmark().orElseThrow().upstream()).containsEntry("x.y", 5L);
    assertThat(LagoaSummary.dataVersion(reloaded.currentSnapshot())).isEqualTo(loaded.snapshotId());
    assertThat(files(reloaded)).containsExactly("ab.parquet");
  }

  private CommitPlan append(String name) {
    return CommitPlan.append(List.of(file(name, 1)), LagoaSummary.empty());
  }
}
