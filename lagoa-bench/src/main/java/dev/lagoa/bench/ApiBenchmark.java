package dev.lagoa.bench;

import dev.lagoa.api.LagoaApi;
import dev.lagoa.api.auth.Role;
import dev.lagoa.api.auth.SigningKey;
import dev.lagoa.api.runs.BackgroundPipelineLauncher;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.files.Directories;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.QueryResult;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.sites.BooksSite;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Not a test: the books API under load on 127.0.0.1. 32 client connections request {@code GET
 * /api/v1/books?category=…&page=…} with a valid JWT, against, in the same run and server, {@code
 * GET /auth/me}, which only verifies the token; then the books list again while the books pipeline
 * (loader and model) commits a new snapshot of gold.books every few seconds. Prints throughput, the
 * ratio of the two endpoints, p50/p99 latency and failed requests.
 *
 * <p>Run with {@code ./lagoa-bench/run api [seconds per phase]} (default 10).
 */
final class ApiBenchmark {
  private static final int CONNECTIONS = 32;
  private static final String PASSWORD = "benchmark password";

  private ApiBenchmark() {}

  record Phase(String name, int requests, int failures, double seconds, long[] nanos) {
    double throughput() {
      return requests / seconds;
    }

    double percentileMillis(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      return nanos[(int) Math.min(nanos.length - 1, Math.floor(p * nanos.length))] / 1e6;
    }

    void print() {
      System.out.printf(
          Locale.ROOT,
          "%-44s %8d requests %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  failed %d%n",
          name,
          requests,
          throughput(),
          percentileMillis(0.50),
          percentileMillis(0.99),
          failures);
    }
  }

  static void run(Path data, Path home, String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Path project = data.resolve("api-books");
    Directories.deleteRecursively(project);
    copy(home.resolve("examples/books"), project);
    try (BooksSite site = BooksSite.start()) {
      Map<String, String> environment =
          Map.of(
              "BOOKS_BASE_URL",
              site.baseUri().toString().replaceAll("/$", ""),
              "BOOKS_REQUESTS_PER_SECOND",
              "0");
      System.out.println("building the books example (scrape of the fixture site, load, model)...");
      List<String> categories;
      try (Lakehouse lake = Lakehouse.open(project, environment)) {
        lake.run(ProgressListener.NONE, LoadListener.NONE, false);
        categories =
            lake
                .sql("SELECT DISTINCT category FROM gold.books ORDER BY 1", null, 1000)
                .rows()
                .stream()
                .map(row -> row.get(0))
                .toList();
      }
      ProjectConfig config =
          new ProjectConfigLoader(name -> environment.getOrDefault(name, System.getenv(name)))
              .load(project);
      byte[] secret = new byte[48];
      new SecureRandom().nextBytes(secret);
      try (BackgroundPipelineLauncher launcher =
              new BackgroundPipelineLauncher(project, environment, Clock.systemUTC());
          LagoaApi api =
              LagoaApi.open(config, SigningKey.of(secret), launcher, Clock.systemUTC())) {
        api.users().add("bench", Role.READER, PASSWORD.toCharArray());
        Javalin server = Javalin.create(api::install).start("127.0.0.1", 0);
        try {
          benchmark(server.port(), categories, seconds, project, environment);
        } finally {
          server.stop();
        }
      }
    }
  }

  private static void benchmark(
      int port, List<String> categories, int seconds, Path project, Map<String, String> environment)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/auth/login"))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"bench\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    AtomicInteger counter = new AtomicInteger();
    java.util.function.Supplier<String> verifyOnly = () -> base + "/auth/me";
    java.util.function.Supplier<String> books =
        () -> {
          int n = counter.getAndIncrement();
          return base
              + "/api/v1/books?category="
              + java.net.URLEncoder.encode(
                  categories.get(n % categories.size()), StandardCharsets.UTF_8)
              + "&page="
              + (1 + (n / categories.size()) % 2)
              + "&size=10";
        };
    System.out.printf(
        "%d connections, %d s a phase (after a %d s warm-up), 1,000 books in %d categories%n",
        CONNECTIONS, seconds, Math.max(2, seconds / 3), categories.size());
    load(client, token, verifyOnly, Math.max(2, seconds / 3), "warm-up");
    load(client, token, books, Math.max(2, seconds / 3), "warm-up");
    load(client, token, verifyOnly, 3, "GET /auth/me, 1 connection", 1).print();
    load(client, token, books, 3, "GET /api/v1/books, 1 connection", 1).print();
    Phase verify = load(client, token, verifyOnly, seconds, "GET /auth/me (JWT check only)");
    Phase list = load(client, token, books, seconds, "GET /api/v1/books?category=&page=");
    verify.print();
    list.print();
    System.out.printf(
        Locale.ROOT,
        "books list / JWT-only throughput ratio: %.2f (goal >= 0.5); books p99 %.2f ms (goal <= 20 ms)%n",
        list.throughput() / verify.throughput(),
        list.percentileMillis(0.99));

    AtomicBoolean committing = new AtomicBoolean(true);
    AtomicInteger commits = new AtomicInteger();
    List<String> commitErrors = new ArrayList<>();
    Thread committer =
        new Thread(
            () -> {
              int round = 0;
              try (Lakehouse lake = Lakehouse.open(project, environment)) {
                while (committing.get()) {
                  long started = System.nanoTime();
                  commitNewPrices(lake, project, round++);
                  commits.incrementAndGet();
                  long waitMillis = 3000 - (System.nanoTime() - started) / 1_000_000;
                  if (waitMillis > 0 && committing.get()) {
                    Thread.sleep(waitMillis); // a pipeline on a schedule, not a test
                  }
                }
              } catch (Exception e) {
                synchronized (commitErrors) {
                  commitErrors.add(e.toString());
                }
              }
            },
            "bench-committer");
    committer.start();
    Phase underCommits =
        load(client, token, books, Math.max(2 * seconds, 30), "GET /api/v1/books while committing");
    committing.set(false);
    committer.join();
    underCommits.print();
    System.out.printf(
        "pipeline commits to gold.books during that phase: %d (one about every 3 s)%s; failed requests: %d%n",
        commits.get(),
        commitErrors.isEmpty() ? "" : ", commit errors " + commitErrors,
        underCommits.failures());
  }

  /** Lands a scrape file with new prices for 20 books and runs the loader and the model. */
  private static void commitNewPrices(Lakehouse lake, Path project, int round) throws IOException {
    QueryResult rows =
        lake.sql(
            "SELECT upc, title, price, rating, stock, category, source_url FROM gold.books ORDER BY upc"
                + " LIMIT 20 OFFSET "
                + (round * 20) % 900,
            null,
            20);
    String stamp = String.format(Locale.ROOT, "29%02d0101T000000Z", round % 100);
    Path file = project.resolve("landing/books/books_" + stamp + "_" + round + ".jsonl.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (List<String> row : rows.rows()) {
        String line =
            String.format(
                Locale.ROOT,
                "{\"upc\":\"%s\",\"title\":%s,\"price\":%.2f,\"rating\":%s,\"stock\":%s,\"category\":%s,"
                    + "\"source_url\":\"%s\",\"scraped_at_utc\":\"29%02d-01-01T00:00:00Z\"}%n",
                row.get(0),
                dev.lagoa.api.JsonBodies.MAPPER.writeValueAsString(row.get(1)),
                Double.parseDouble(row.get(2)) + 1,
                row.get(3),
                row.get(4),
                dev.lagoa.api.JsonBodies.MAPPER.writeValueAsString(row.get(5)),
                row.get(6),
                round % 100);
        out.write(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    lake.run(List.of("books_staging"), ProgressListener.NONE, LoadListener.NONE);
    lake.runModels(Selection.all(), false);
  }

  private static Phase load(
      HttpClient client,
      String token,
      java.util.function.Supplier<String> urls,
      int seconds,
      String name)
      throws Exception {
    return load(client, token, urls, seconds, name, CONNECTIONS);
  }

  private static Phase load(
      HttpClient client,
      String token,
      java.util.function.Supplier<String> urls,
      int seconds,
      String name,
      int connections)
      throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    AtomicInteger failures = new AtomicInteger();
    List<Future<long[]>> results = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      results.add(
          pool.submit(
              () -> {
                long[] times = new long[1024];
                int count = 0;
                while (System.nanoTime() < end) {
                  HttpRequest request =
                      HttpRequest.newBuilder(URI.create(urls.get()))
                          .header("Authorization", "Bearer " + token)
                          .timeout(Duration.ofSeconds(30))
                          .build();
                  long t0 = System.nanoTime();
                  try {
                    HttpResponse<byte[]> response =
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                      failures.incrementAndGet();
                      if (failures.get() <= 3) {
                        System.out.println(
                            "failed: "
                                + response.statusCode()
                                + " "
                                + new String(response.body(), StandardCharsets.UTF_8));
                      }
                    }
                  } catch (IOException e) {
                    failures.incrementAndGet();
                  }
                  if (count == times.length) {
                    times = Arrays.copyOf(times, count * 2);
                  }
                  times[count++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(times, count);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> result : results) {
      all.add(result.get());
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    long[] nanos = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Phase(name, nanos.length, failures.get(), elapsed, nanos);
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        String relative = from.relativize(file).toString();
        if (relative.startsWith("warehouse") || relative.startsWith("landing")) {
          continue;
        }
        Path target = to.resolve(relative);
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
