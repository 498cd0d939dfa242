package dev.lagoa.bench;

import java.nio.file.Path;
import java.util.Arrays;

/** Entry point: {@code Bench <data dir> <benchmark> [args]}. */
public final class Bench {
  private static final String USAGE =
      "usage: lagoa-bench/run ingest|silver|engines [rows ...] | scrape [repetitions] | commits [n]"
          + " | crash [trials [seed]] | fuzz [files [seed]] | api [seconds]"
          + " | serve [files rate burst] | cdc [seconds] [changes/s] | predict [seconds]"
          + " | console [requests per page] | bigfile [MB]";

  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(USAGE);
      System.exit(2);
    }
    Path data = Path.of(args[0]);
    Path home = Path.of(System.getProperty("lagoa.home", "."));
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    switch (args[1]) {
      case "ingest" -> IngestBenchmark.run(data, rest);
      case "silver" -> SilverBenchmark.run(data, home, rest);
      case "cdc" -> CdcBenchmark.run(data, home, rest);
      case "engines" -> EnginesBenchmark.run(data, home, rest);
      case "scrape" -> ScrapeBenchmark.run(home, rest);
      case "commits" -> CommitsBenchmark.run(rest);
      case "crash" -> CrashTrials.run(home, rest);
      case "fuzz" -> FuzzBenchmark.run(data, rest);
      case "api" -> ApiBenchmark.run(data, home, rest);
      case "serve" -> ServeBenchmark.run(data, rest);
      case "predict" -> PredictBenchmark.run(data, home, rest);
      case "console" -> ConsoleBenchmark.run(data, home, rest);
      case "bigfile" -> BigFileBenchmark.run(data, home, rest);
      default -> {
        System.err.println("unknown benchmark " + args[1] + "; " + USAGE);
        System.exit(2);
      }
    }
  }
}
