package dev.lagoa.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point: {@code Bench <data dir> <benchmark> [args]}. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: lagoa-bench/run ingest|silver [rows ...] | scrape [repetitions] | commits [n] | crash [trials [seed]] | cdc [seconds] [changes/s]");
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    switch (args[1]) {
      case "ingest" -> IngestBenchmark.run(data, rest);
      case "silver" ->
          SilverBenchmark.run(data, Path.of(System.getProperty("lagoa.home", ".")), rest);
      case "cdc" -> CdcBenchmark.run(data, Path.of(System.getProperty("lagoa.home", ".")), rest);
      case "scrape" -> ScrapeBenchmark.run(Path.of(System.getProperty("lagoa.home", ".")), rest);
      case "commits" -> CommitsBenchmark.run(rest);
      case "crash" -> CrashTrials.run(Path.of(System.getProperty("lagoa.home", ".")), rest);
      default -> {
        System.err.println(
            "unknown benchmark "
                + args[1]
                + "; known: ingest, silver, scrape, commits, crash, cdc");
        System.exit(2);
      }
    }
  }
}
