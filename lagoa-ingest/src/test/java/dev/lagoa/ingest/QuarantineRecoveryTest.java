package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import dev.lagoa.ingest.quarantine.QuarantineTable;
import dev.lagoa.ingest.quarantine.QuarantinedRecord;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

class QuarantineRecoveryTest extends LoaderFixture {
  @Test
  void quarantinedRecordsOfACommitInterruptedBeforeItsQuarantineCommitAreCommittedByTheNextRun()
      throws Exception {
    write("a.jsonl", "{\"title\": \"A\"}\n");
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    // What a run that died between its two commits leaves: quarantine files on disk, listed by the
    // main table's commit, and no quarantine commit claiming them.
    Table quarantine = QuarantineTable.createOrLoad(catalog, "bronze.titles");
    List<DataFile> files =
        QuarantineTable.write(
            new TableWriter(engine, Clock.systemUTC()),
            quarantine,
            List.of(
                new QuarantinedRecord(
                    "landing/b.jsonl", 7, "malformed JSON: test", new byte[] {'{'})),
            Instant.now(),
            Files.createTempDirectory(root, "staging"));
    Table main = catalog.load("bronze.titles");
    TableCommit.commit(
        main,
        main.currentSnapshot(),
        CommitPlan.append(
            List.of(), LagoaSummary.empty().withQuarantineFiles(List.of(files.get(0).location()))),
        "test");

    LoadReport report = load(source);
    LoadReport again = load(source);

    assertThat(report.quarantineCommitsRecovered()).isEqualTo(1);
    assertThat(again.quarantineCommitsRecovered()).isZero();
    assertThat(rows("bronze.titles_quarantine", "_source_file || ':' || _line || ':' || reason"))
        .containsExactly("landing/b.jsonl:7:malformed JSON: test");
  }
}
