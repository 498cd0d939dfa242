package dev.lagoa.bench;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.ConsumedFile;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.maintain.SnapshotExpiry;
import dev.lagoa.ingest.ledger.IngestLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;

/**
 * What many small loader commits cost the table's metadata: N commits through the loader's own
 * commit path (ledger read, ledger file, typed summary, validated commit), each consuming a few
 * landing files, with data files that are only described (no rows are read or written, so the
 * commit path alone is measured). Prints, every tenth of the way, the size of the current metadata
 * file, of the metadata folder and the time per commit; then expires every snapshot but the last
 * and prints the sizes again.
 */
final class CommitsBenchmark {
  private CommitsBenchmark() {}

  static void run(String[] args) throws IOException {
    int commits = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int filesPerCommit = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    Path root = Files.createTempDirectory("lagoa-commits-");
    Path warehouse = root.resolve("warehouse");
    try (LakeCatalog catalog =
        LakeCatalog.open(
            new CatalogConfig(
                "lagoa",
                "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                warehouse.toString(),
                Map.of()))) {
      Table table =
          catalog.create(
              "bronze.events",
              new Schema(Types.NestedField.optional(1, "id", Types.LongType.get())),
              PartitionSpec.unpartitioned());
      System.out.printf(
          "%d loader commits of %d files each (commit path only)%n", commits, filesPerCommit);
      System.out.printf(
          "%8s %12s %14s %10s %16s%n",
          "commits", "metadata.json", "metadata dir", "files", "ms per commit");
      long windowStart = System.nanoTime();
      int step = Math.max(1, commits / 10);
      for (int i = 1; i <= commits; i++) {
        table.refresh();
        IngestLedger ledger = IngestLedger.open(table, "events");
        List<ConsumedFile> batch = new ArrayList<>();
        List<DataFile> dataFiles = new ArrayList<>();
        for (int f = 0; f < filesPerCommit; f++) {
          String name = String.format("landing/events/2025/10/%06d-%d.json", i, f);
          batch.add(new ConsumedFile(name, 1000 + f, 1_760_000_000_000L + i));
          dataFiles.add(
              DataFiles.builder(PartitionSpec.unpartitioned())
                  .withPath(table.location() + "/data/" + i + "-" + f + ".parquet")
                  .withFileSizeInBytes(4096)
                  .withRecordCount(10)
                  .build());
        }
        ledger.commit(
            table,
            batch,
            dataFiles,
            LagoaSummary.empty()
                .withIngest(
                    new LagoaSummary.IngestEntry("events", batch, 10L * batch.size(), 0, 0)));
        if (i % step == 0) {
          double ms = (System.nanoTime() - windowStart) / 1e6 / step;
          print(table, i, ms);
          windowStart = System.nanoTime();
        }
      }
      SnapshotExpiry.Result expired =
          SnapshotExpiry.expire(table, Duration.ZERO, 1, Clock.systemUTC());
      System.out.printf(
          "after expiring %d snapshots (and %d ledger files):%n",
          expired.snapshotsExpired(), expired.ledgerFilesDeleted());
      print(table, commits, 0);
      table.refresh();
      System.out.printf(
          "ledger still holds %d files%n", IngestLedger.open(table, "events").consumed().size());
    } finally {
      dev.lagoa.core.files.Directories.deleteQuietly(root);
    }
  }

  private static void print(Table table, int commits, double msPerCommit) throws IOException {
    table.refresh();
    String current = ((BaseTable) table).operations().current().metadataFileLocation();
    Path metadata = Path.of(current).getParent();
    long total = 0;
    long files = 0;
    try (Stream<Path> list = Files.list(metadata)) {
      for (Path file : list.toList()) {
        total += Files.size(file);
        files++;
      }
    }
    System.out.printf(
        "%8d %12s %14s %10d %16.1f%n",
        commits, kb(Files.size(Path.of(current))), kb(total), files, msPerCommit);
  }

  private static String kb(long bytes) {
    return String.format("%,.1f KB", bytes / 1024.0);
  }
}
