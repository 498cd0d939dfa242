package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.lagoa.testing.fuzz.FuzzLedger;
import dev.lagoa.testing.fuzz.LandingFuzz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: whatever lands — colliding keys, unicode, repeated keys, wide records, values of every
 * type, corrupted bytes, truncated gzip — every record is exactly once a row (with its file and
 * line) or a quarantine entry, a second run adds nothing, and no run fails because of a record. The
 * cases are drawn from a fixed seed so the suite is deterministic (a failing case prints its seed,
 * format, policy and file count); {@code ./lagoa-bench/run fuzz N} runs long.
 */
class LoaderFuzzTest {
  private static final long CASES_SEED = 20261129L;
  private static final int CASES = 4;
  private static final SchemaPolicy[] POLICIES = {SchemaPolicy.EVOLVE, SchemaPolicy.RESCUE};

  static Stream<Arguments> cases() {
    Random random = new Random(CASES_SEED);
    LandingFuzz.Format[] formats = LandingFuzz.Format.values();
    return IntStream.range(0, CASES)
        .mapToObj(
            i ->
                Arguments.of(
                    random.nextLong(),
                    formats[random.nextInt(formats.length)],
                    POLICIES[random.nextInt(POLICIES.length)],
                    1 + random.nextInt(6)));
  }

  @ParameterizedTest(name = "seed {0}, {1}, {2}, {3} files")
  @MethodSource("cases")
  void everyRecordIsExactlyOnceARowOrAQuarantineEntryAndARerunAddsNothing(
      long seed, LandingFuzz.Format format, SchemaPolicy policy, int files) throws Exception {
    Path root = Files.createTempDirectory("lagoa-fuzz-");
    try {
      Path landing = Files.createDirectories(root.resolve("landing"));
      LandingFuzz fuzz = new LandingFuzz(seed, 300);
      FuzzLedger ledger = new FuzzLedger();
      for (int i = 0; i < files; i++) {
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

        LoadReport first = loader.load(source, LoadListener.NONE);
        LoadReport second = loader.load(source, LoadListener.NONE);

        account(engine, catalog, ledger);
        assertThat(ledger.lost()).as("lost %s", ledger.problems()).isZero();
        assertThat(ledger.duplicated()).as("duplicated %s", ledger.problems()).isZero();
        assertThat(ledger.phantoms()).as("phantoms %s", ledger.problems()).isZero();
        assertThat(first.filesLoaded()).isEqualTo(files);
        assertThat(second.filesLoaded()).isZero();
        assertThat(second.snapshots()).isEmpty();
      }
    } finally {
      Directories.deleteQuietly(root);
    }
  }

  static FilesSourceConfig source(Path landing, LandingFuzz.Format format, SchemaPolicy policy) {
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

  /** Hands every row and quarantine entry, by file and line, to the ledger. */
  static void account(DuckEngine engine, LakeCatalog catalog, FuzzLedger ledger) {
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
