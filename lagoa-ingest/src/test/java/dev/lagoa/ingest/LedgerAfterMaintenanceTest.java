package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.Test;

class LedgerAfterMaintenanceTest extends LoaderFixture {
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
        10,
        64 << 20);
  }

  @Test
  void afterExpiringEverySnapshotButTheLastARerunLoadsNothingTwice() throws Exception {
    // 75 files in commits of 10: the ledger passes a checkpoint file and carries the rest.
    for (int i = 0; i < 75; i++) {
      write(String.format("t-%03d.jsonl", i), "{\"title\": \"T" + i + "\"}\n");
    }
    LoadReport first = load(source());
    Table table = catalog.load("bronze.titles");
    dev.lagoa.iceberg.maintain.SnapshotExpiry.expire(table, Duration.ZERO, 1, Clock.systemUTC());
    write("t-075.jsonl", "{\"title\": \"T75\"}\n");

    LoadReport second = load(source());
    LoadReport third = load(source());

    assertThat(first.snapshots()).hasSize(8);
    assertThat(catalog.load("bronze.titles").snapshots()).hasSize(2);
    assertThat(second.filesLoaded()).isEqualTo(1);
    assertThat(second.filesSkipped()).isEqualTo(75);
    assertThat(third.filesLoaded()).isZero();
    assertThat(rows("bronze.titles", "count(*) || '/' || count(DISTINCT title)"))
        .containsExactly("76/76");
  }
}
