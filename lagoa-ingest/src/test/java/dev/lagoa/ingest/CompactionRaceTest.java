package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.duckdb.maintain.Compaction;
import dev.lagoa.iceberg.LocalFileIO;
import dev.lagoa.iceberg.commit.CommitConflictException;
import dev.lagoa.iceberg.commit.LagoaSummary;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

/**
 * {@code lagoa maintain --compact} plans a rewrite, writes it, then commits; a loader or another
 * maintenance run may commit in between. Either the rewrite lands on top of them, or it is refused
 * with a message saying why, and the table's rows and ledger stay exactly right.
 */
class CompactionRaceTest extends LoaderFixture {
  private static final long TARGET = 128L << 20;

  /** One commit, and one small data file, per landing file. */
  private FilesSourceConfig source() {
    return new FilesSourceConfig(
        "titles",
        landing,
        "**",
        FileFormat.NDJSON,
        "bronze.titles",
        SchemaOptions.DEFAULT,
        CsvOptions.DEFAULT,
        0,
        List.of(),
        1,
        64 << 20);
  }

  private Compaction compaction() {
    return new Compaction(new TableWriter(engine, Clock.systemUTC()));
  }

  private void land(int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      write(String.format("t-%03d.jsonl", i), "{\"title\": \"T" + i + "\"}\n");
    }
  }

  private long dataFiles() {
    return Long.parseLong(
        catalog.load("bronze.titles").currentSnapshot().summary().get("total-data-files"));
  }

  @Test
  void aCompactionThatLosesTheRaceToALoaderIsAppliedOnTopOfItsCommit() throws Exception {
    land(0, 3);
    load(source());
    Table table = catalog.load("bronze.titles");
    Compaction.Plan planned = compaction().plan(table, TARGET);
    land(3, 5);
    LoadReport meanwhile = load(source());

    Compaction.Result result = compaction().commit(table, planned);
    LoadReport rerun = load(source());
    land(5, 6);
    LoadReport next = load(source());

    assertThat(meanwhile.filesLoaded()).isEqualTo(2);
    assertThat(result.filesRemoved()).isEqualTo(3);
    assertThat(result.filesAdded()).isEqualTo(1);
    assertThat(rerun.filesLoaded()).isZero();
    assertThat(rerun.filesSkipped()).isEqualTo(5);
    assertThat(next.filesLoaded()).isEqualTo(1);
    assertThat(rows("bronze.titles", "count(*) || '/' || count(DISTINCT title)"))
        .containsExactly("6/6");
    // the compacted file, the two files the loader added meanwhile, the last one
    assertThat(dataFiles()).isEqualTo(4);
  }

  @Test
  void aCompactionWhoseFilesAnotherWriterReplacedIsRefusedAndLeavesNothingBehind()
      throws Exception {
    land(0, 3);
    load(source());
    Table table = catalog.load("bronze.titles");
    Compaction.Plan planned = compaction().plan(table, TARGET);
    compaction().compact(catalog.load("bronze.titles"), TARGET); // another maintenance run wins
    long winner = catalog.load("bronze.titles").currentSnapshot().snapshotId();

    assertThatThrownBy(() -> compaction().commit(table, planned))
        .isInstanceOf(CommitConflictException.class)
        .hasMessage(
            "Cannot compact bronze.titles: another writer replaced 3 of the 3 files this"
                + " compaction rewrites (snapshot %d, planned from %d), so its rewrite would bring"
                + " back rows that writer removed; nothing was committed, run lagoa maintain"
                + " --compact again",
            winner, planned.base().snapshotId());
    LoadReport rerun = load(source());

    assertThat(catalog.load("bronze.titles").currentSnapshot().snapshotId()).isEqualTo(winner);
    assertThat(rows("bronze.titles", "count(*) || '/' || count(DISTINCT title)"))
        .containsExactly("3/3");
    assertThat(dataFiles()).isEqualTo(1);
    assertThat(rerun.filesLoaded()).isZero();
    assertThat(LagoaSummary.of(catalog.load("bronze.titles").currentSnapshot()).maintenance())
        .contains("compact");
    for (DataFile file : planned.added()) {
      assertThat(Files.exists(LocalFileIO.toPath(file.location()))).isFalse();
    }
  }
}
