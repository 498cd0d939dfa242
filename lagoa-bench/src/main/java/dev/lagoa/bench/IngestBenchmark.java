package dev.lagoa.bench;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.core.files.Directories;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.ingest.FilesLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Landing-loader throughput: N car readings as gzip NDJSON loaded by Lagoa (schema inference,
 * checks, ledger, Iceberg commit) against DuckDB's own {@code read_json} → {@code COPY} to Parquet
 * written by hand over the same files, measured alternately in the same process.
 */
final class IngestBenchmark {
  private static final int READINGS_PER_FILE = 10_000;
  private static final int ROUNDS = Integer.getInteger("rounds", 3);

  private IngestBenchmark() {}

  static void run(Path data, String[] args) throws Exception {
    long[] sizes =
        args.length == 0
            ? new long[] {100_000, 1_000_000}
            : Stream.of(args).mapToLong(Long::parseLong).toArray();
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        "Landing loader benchmark: car-telemetry NDJSON.gz, %d cores, best of %d rounds%n",
        cores, ROUNDS);
    System.out.printf(
        "%10s %16s %16s %10s %12s %12s %10s%n",
        "readings",
        "duckdb rows/s",
        "lagoa rows/s",
        "lagoa/duckdb",
        "duckdb cpu s",
        "lagoa cpu s",
        "cpu ratio");
    for (long size : sizes) {
      Path files = generate(data, size);
      double duck = Double.MAX_VALUE;
      double lagoa = Double.MAX_VALUE;
      double duckCpu = Double.MAX_VALUE;
      double lagoaCpu = Double.MAX_VALUE;
      for (int round = 0; round < ROUNDS; round++) {
        double cpu = cpuSeconds();
        duck = Math.min(duck, handWrittenDuckDb(files, data));
        duckCpu = Math.min(duckCpu, cpuSeconds() - cpu);
        cpu = cpuSeconds();
        lagoa = Math.min(lagoa, lagoa(files, data, size, cores));
        lagoaCpu = Math.min(lagoaCpu, cpuSeconds() - cpu);
      }
      System.out.printf(
          "%,10d %,16.0f %,16.0f %10.2f %12.1f %12.1f %10.2f%n",
          size, size / duck, size / lagoa, duck / lagoa, duckCpu, lagoaCpu, duckCpu / lagoaCpu);
    }
    System.out.println(
        "(lagoa/duckdb is Lagoa's throughput as a fraction of hand-written DuckDB's; 1.00 = as fast."
            + " cpu s: the process's CPU seconds, DuckDB's threads included, which a machine"
            + " shared with other work disturbs less than elapsed time; cpu ratio = duckdb/lagoa)");
  }

  /** CPU seconds used so far by this process, every thread (DuckDB's native ones) included. */
  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static Path generate(Path data, long size) throws IOException {
    Path directory = data.resolve("cars-" + size);
    if (Files.isDirectory(directory)) {
      return directory;
    }
    Path partial = data.resolve(".cars-" + size + ".part");
    Directories.deleteRecursively(partial);
    Files.createDirectories(partial);
    int files = (int) Math.max(1, size / READINGS_PER_FILE);
    new CarTelemetryGenerator(1, 500, 30).writeNdjsonGz(partial, files, size / files);
    Files.move(partial, directory);
    return directory;
  }

  /** Seconds for DuckDB alone: read_json over the files, COPY to one zstd Parquet output. */
  private static double handWrittenDuckDb(Path files, Path data) throws IOException {
    Path out = data.resolve("duckdb-out");
    Directories.deleteRecursively(out);
    Files.createDirectories(out);
    try (DuckEngine engine = DuckEngine.open()) {
      long start = System.nanoTime();
      engine.execute(
          "COPY (SELECT * FROM read_json('"
              + files
              + "/*.jsonl.gz', format = 'newline_delimited')) TO '"
              + out.resolve("cars.parquet")
              + "' (FORMAT parquet, COMPRESSION zstd)");
      return (System.nanoTime() - start) / 1e9;
    } finally {
      Directories.deleteRecursively(out);
    }
  }

  /**
   * Seconds for Lagoa's loader from discovery to committed Iceberg snapshot, into a fresh table.
   */
  private static double lagoa(Path files, Path data, long size, int cores) throws IOException {
    Path warehouse = data.resolve("lagoa-warehouse");
    Directories.deleteRecursively(warehouse);
    CatalogConfig catalogConfig =
        new CatalogConfig(
            "lagoa",
            "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
            warehouse.toString(),
            Map.of());
    FilesSourceConfig source =
        new FilesSourceConfig(
            "cars",
            files,
            "*.jsonl.gz",
            FileFormat.NDJSON,
            "bronze.cars",
            SchemaOptions.DEFAULT,
            CsvOptions.DEFAULT,
            0,
            List.of(),
            10_000,
            64 << 20);
    try (LakeCatalog catalog = LakeCatalog.open(catalogConfig);
        DuckEngine engine = DuckEngine.open()) {
      FilesLoader loader = new FilesLoader(catalog, engine, Clock.systemUTC(), cores);
      long start = System.nanoTime();
      LoadReport report = loader.load(source, LoadListener.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (report.rowsLoaded() != size) {
        throw new IllegalStateException(
            "Lagoa loaded " + report.rowsLoaded() + " rows, expected " + size);
      }
      return seconds;
    } finally {
      Directories.deleteRecursively(warehouse);
    }
  }
}
