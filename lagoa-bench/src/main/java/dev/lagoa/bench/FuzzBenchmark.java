package dev.lagoa.bench;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.core.files.Directories;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.ingest.FilesLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.testing.fuzz.FuzzLedger;
import dev.lagoa.testing.fuzz.LandingFuzz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

/**
 * The loader's long fuzz run: {@code ./lagoa-bench/run fuzz N [seed]} generates N awkward landing
 * files (see {@link LandingFuzz}; records up to 10,000 keys wide) in rounds of up to 50, loads each
 * round twice into a fresh lake and checks that every record is exactly once a row or a quarantine
 * entry and that the second load adds nothing. Prints files, records, lost, duplicated and blocked
 * batches (loads that failed).
 */
final class FuzzBenchmark {
  private static final int FILES_PER_ROUND = 50;

  private FuzzBenchmark() {}

  static void run(Path data, String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261129L;
    long files = 0;
    long records = 0;
    long lost = 0;
    long duplicated = 0;
    long phantoms = 0;
    long blocked = 0;
    long rerunAdded = 0;
    long start = System.nanoTime();
    LandingFuzz.Format[] formats = LandingFuzz.Format.values();
    // Each run works in a directory of its own, so two runs at once do not share rounds.
    Path work = Files.createTempDirectory(Files.createDirectories(data), "fuzz-");
    for (int round = 0; files < total; round++) {
      int count = (int) Math.min(FILES_PER_ROUND, total - files);
      LandingFuzz.Format format = formats[round % formats.length];
      SchemaPolicy policy = round % 2 == 0 ? SchemaPolicy.EVOLVE : SchemaPolicy.RESCUE;
      Path root = Files.createDirectories(work.resolve("round-" + round));
      try {
        Path landing = Files.createDirectories(root.resolve("landing"));
        LandingFuzz fuzz = new LandingFuzz(seed * 31 + round, 10_000);
        FuzzLedger ledger = new FuzzLedger();
        for (int i = 0; i < count; i++) {
          ledger.expect(fuzz.write(landing, "f" + i, format));
        }
        Path warehouse = root.resolve("warehouse");
        try (DuckEngine engine = DuckEngine.open();
            LakeCatalog catalog =
                LakeCatalog.open(
                    new CatalogConfig(
                        "lagoa",
                        "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                        warehouse.toString(),
                        Map.of()))) {
          FilesLoader loader = new FilesLoader(catalog, engine, Clock.systemUTC(), 2);
          FilesSourceConfig source = source(landing, format, policy);
          try {
            loader.load(source, LoadListener.NONE);
            LoadReport again = loader.load(source, LoadListener.NONE);
            rerunAdded += again.filesLoaded() + again.rowsLoaded() + again.rowsQuarantined();
          } catch (RuntimeException e) {
            blocked++;
            System.out.println("round " + round + " (" + format + ") blocked: " + e.getMessage());
          }
          account(engine, catalog, ledger);
        }
        files += count;
        records += ledger.records();
        long roundLost = ledger.lost();
        long roundDuplicated = ledger.duplicated();
        lost += roundLost;
        duplicated += roundDuplicated;
        phantoms += ledger.phantoms();
        if (roundLost + roundDuplicated + ledger.phantoms() > 0) {
          System.out.println(
              "round "
                  + round
                  + " ("
                  + format
                  + ", seed "
                  + (seed * 31 + round)
                  + "): "
                  + String.join(
                      "; ", ledger.problems().subList(0, Math.min(5, ledger.problems().size()))));
        }
      } finally {
        Directories.deleteQuietly(root);
      }
      if (round % 10 == 9) {
        System.out.printf("... %d files%n", files);
      }
    }
    Directories.deleteQuietly(work);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "fuzz: files %d, records %d, lost %d, duplicated %d, phantom rows %d, blocked batches %d,"
            + " re-run added %d (%.0f s)%n",
        files, records, lost, duplicated, phantoms, blocked, rerunAdded, seconds);
    if (lost + duplicated + phantoms + blocked + rerunAdded > 0) {
      System.exit(1);
    }
  }

  private static FilesSourceConfig source(
      Path landing, LandingFuzz.Format format, SchemaPolicy policy) {
    return new FilesSourceConfig(
        "fuzz",
        landing,
        "**",
        FileFormat.valueOf(format.name()),
        "bronze.fuzz",
        new SchemaOptions(policy, 1000, Map.of()),
        CsvOptions.DEFAULT,
        0,
        List.of(),
        10_000,
        64 << 20);
  }

  private static void account(DuckEngine engine, LakeCatalog catalog, FuzzLedger ledger) {
    catalog
        .find("bronze.fuzz")
        .ifPresent(
            table -> {
              for (String row : strings(engine, table, "_source_file || chr(1) || _line")) {
                String[] parts = row.split("\u0001", 2);
                ledger.row(parts[0], Long.parseLong(parts[1]));
              }
            });
    catalog
        .find("bronze.fuzz_quarantine")
        .ifPresent(
            table -> {
              for (String entry :
                  strings(engine, table, "_source_file || chr(1) || _line || chr(1) || reason")) {
                String[] parts = entry.split("\u0001", 3);
                ledger.quarantined(parts[0], Long.parseLong(parts[1]), parts[2]);
              }
            });
  }

  private static List<String> strings(DuckEngine engine, Table table, String expression) {
    return engine.queryStrings(
        "SELECT "
            + expression
            + " FROM ("
            + TableViews.relation(table, table.currentSnapshot(), Expressions.alwaysTrue())
            + ")");
  }
}
