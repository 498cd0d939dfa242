package dev.lagoa.bench;

import dev.lagoa.cdc.CdcSource;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ml.MachineLearning;
import dev.lagoa.ml.http.MlRoutes;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.data.MovieLensGenerator;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Not a test: the movielens rating model at the real size of ml-latest-small (100,836 ratings).
 * Measures training time, then single-instance predictions over HTTP at 16 concurrent connections
 * against 127.0.0.1 for a bounded time — throughput and latency percentiles — side by side with a
 * constant-answer route on the same server (the HTTP floor of this machine), and prints the ratio.
 *
 * <p>Run with {@code ./lagoa-bench/run predict [seconds per measurement, default 10]}.
 */
final class PredictBenchmark {
  private static final int CONNECTIONS = 16;
  private static final String INSTANCE =
      "{\"user_avg_rating\": 4.1, \"user_rating_count\": 120, \"movie_avg_rating\": 3.9,"
          + " \"movie_rating_count\": 40, \"release_year\": 1999, \"main_genre\": \"Drama\","
          + " \"is_drama\": true, \"is_comedy\": false, \"is_action\": false, \"is_thriller\": false,"
          + " \"is_romance\": false, \"is_horror\": false, \"is_documentary\": false,"
          + " \"is_animation\": false}";

  private PredictBenchmark() {}

  static void run(Path data, Path home, String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path project = data.resolve("predict-movielens");
    prepare(home.resolve("examples/movielens"), project);
    try (Lakehouse lakehouse = Lakehouse.open(project)) {
      if (lakehouse.catalog().find("ml.rating_features").isEmpty()) {
        long start = System.nanoTime();
        // The example's source is its PostgreSQL database: load the CSVs into it, then capture.
        Path landing = project.resolve("landing/movielens");
        try (CdcSource cdc =
            lakehouse.openCdc(
                (PostgresCdcSourceConfig) lakehouse.config().sources().get("movielens"))) {
          cdc.load(
              project.resolve("postgres/schema.sql"),
              List.of(
                  landing.resolve("movies.csv"),
                  landing.resolve("links.csv"),
                  landing.resolve("ratings.csv"),
                  landing.resolve("tags.csv")));
        }
        lakehouse.run(ProgressListener.NONE, LoadListener.NONE, false);
        System.out.printf(
            "movielens pipeline built in %.1f s (once; reused by later runs)%n",
            (System.nanoTime() - start) / 1e9);
      }
      MachineLearning ml = MachineLearning.of(lakehouse);
      long start = System.nanoTime();
      ModelVersion version = ml.train("rating", null);
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "training: %,d rows (%,d train, %,d held out), %s, %.1f s wall (%.1f s in Tribuo);"
              + " held-out rmse %.4f vs mean baseline %.4f%n",
          version.rows().read(),
          version.rows().train(),
          version.rows().test(),
          version.algorithm().name().toLowerCase().replace('_', '-'),
          trainSeconds,
          version.trainingMillis() / 1000.0,
          version.evaluation().metrics().get("rmse"),
          version.evaluation().baselineMetrics().get("rmse"));

      inProcess(ml);
      MlRoutes routes = new MlRoutes(ml, Set.of(), Set.of(), Set.of());
      Javalin server =
          Javalin.create(
                  config -> {
                    routes.install(config);
                    config.routes.post(
                        "/ping",
                        ctx -> ctx.contentType("application/json").result("{\"ok\":true}"));
                  })
              .start("127.0.0.1", 0);
      try {
        String base = "http://127.0.0.1:" + server.port();
        URI predict = URI.create(base + "/api/v1/ml/rating/predict");
        URI ping = URI.create(base + "/ping");
        Duration measure = Duration.ofSeconds(seconds);
        // Warm up both routes (JIT, connection pool).
        load(predict, Duration.ofSeconds(Math.max(2, seconds / 3)));
        load(ping, Duration.ofSeconds(Math.max(2, seconds / 3)));
        Result floor = load(ping, measure);
        Result predictions = load(predict, measure);
        System.out.printf(
            "%-28s %10s %10s %10s %10s %8s%n",
            "route", "req/s", "p50 ms", "p99 ms", "max ms", "errors");
        print("POST /ping (constant answer)", floor);
        print("POST /api/v1/ml/rating/predict", predictions);
        System.out.printf(
            "%d connections, %d s each; predict/ping: throughput %.2fx, p99 %.2fx; goal p99 <= 10 ms: %s%n",
            CONNECTIONS,
            seconds,
            predictions.throughput() / floor.throughput(),
            predictions.p99() / floor.p99(),
            predictions.p99() <= 10 ? "met" : "NOT met");
      } finally {
        server.stop();
      }
    }
  }

  /** The model's own cost: predictions called directly, one thread, no HTTP. */
  private static void inProcess(MachineLearning ml) throws IOException {
    List<com.fasterxml.jackson.databind.JsonNode> instance =
        List.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(INSTANCE));
    for (int i = 0; i < 20_000; i++) {
      ml.predictor().predict("rating", java.util.OptionalInt.empty(), instance);
    }
    long[] latencies = new long[50_000];
    long begin = System.nanoTime();
    for (int i = 0; i < latencies.length; i++) {
      long t0 = System.nanoTime();
      ml.predictor().predict("rating", java.util.OptionalInt.empty(), instance);
      latencies[i] = System.nanoTime() - t0;
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    Arrays.sort(latencies);
    System.out.printf(
        "in process, one thread: %,.0f predictions/s, p50 %.3f ms, p99 %.3f ms%n",
        latencies.length / elapsed,
        latencies[latencies.length / 2] / 1e6,
        latencies[(int) (latencies.length * 0.99)] / 1e6);
  }

  private record Result(
      long requests, long errors, double throughput, double p50, double p99, double max) {}

  private static void print(String name, Result result) {
    System.out.printf(
        "%-28s %10.0f %10.2f %10.2f %10.2f %8d%n",
        name, result.throughput(), result.p50(), result.p99(), result.max(), result.errors());
  }

  /** {@link #CONNECTIONS} clients, each sending one request after another for {@code time}. */
  private static Result load(URI uri, Duration time) throws Exception {
    ExecutorService clientThreads = Executors.newFixedThreadPool(CONNECTIONS);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(clientThreads)
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(INSTANCE))
            .build();
    ExecutorService workers = Executors.newFixedThreadPool(CONNECTIONS);
    long end = System.nanoTime() + time.toNanos();
    long begin = System.nanoTime();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      futures.add(
          workers.submit(
              () -> {
                long[] latencies = new long[1 << 16];
                int count = 0;
                long errors = 0;
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<String> response =
                        client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                      errors++;
                    }
                  } catch (IOException e) {
                    // A connection the server closed while idle: counted, and the client
                    // reconnects.
                    errors++;
                    continue;
                  }
                  long t1 = System.nanoTime();
                  if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                  }
                  latencies[count++] = t1 - t0;
                }
                long[] result = Arrays.copyOf(latencies, count + 1);
                result[count] = errors;
                return result;
              }));
    }
    List<Long> all = new ArrayList<>();
    long errors = 0;
    for (Future<long[]> future : futures) {
      long[] latencies = future.get();
      for (int i = 0; i < latencies.length - 1; i++) {
        all.add(latencies[i]);
      }
      errors += latencies[latencies.length - 1];
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    workers.shutdown();
    clientThreads.shutdown();
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Result(
        sorted.length,
        errors,
        sorted.length / elapsed,
        sorted[(int) (sorted.length * 0.50)] / 1e6,
        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  /** The movielens example with ml-latest-small-sized data, created once under bench-data/. */
  private static void prepare(Path example, Path project) throws IOException {
    if (Files.exists(project.resolve("lagoa.yaml"))) {
      return;
    }
    try (Stream<Path> paths = Files.walk(example)) {
      for (Path path : paths.toList()) {
        String relative = example.relativize(path).toString();
        if (relative.startsWith("warehouse") || relative.startsWith("landing")) {
          continue;
        }
        Path target = project.resolve(relative);
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
    new MovieLensGenerator(2018).writeTo(project.resolve("landing/movielens"));
  }
}
