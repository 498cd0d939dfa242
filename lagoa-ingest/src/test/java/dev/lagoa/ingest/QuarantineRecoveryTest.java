package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.TableCommits;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.ingest.quarantine.QuarantineTable;
import dev.lagoa.ingest.quarantine.QuarantinedRecord;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    TableCommits.commit(
        main,
        List.of(),
        WriteMode.APPEND,
        Map.of(QuarantineTable.FILES_KEY, files.get(0).location()));

    LoadReport report = load(source);
    LoadReport again = load(source);

    assertThat(report.quarantineCommitsRecovered()).isEqualTo(1);
    assertThat(again.quarantineCommitsRecovered()).isZero();
    assertThat(rows("bronze.titles_quarantine", "_source_file || ':' || _line || ':' || reason"))
        .containsExactly("landing/b.jsonl:7:malformed JSON: test");
  }
}
