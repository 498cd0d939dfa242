package dev.lagoa.bench;

import dev.lagoa.api.auth.Role;
import dev.lagoa.api.users.CatalogDatabase;
import dev.lagoa.api.users.UserStore;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.files.Directories;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.serve.EventLog;
import dev.lagoa.runtime.serve.PipelineService;
import dev.lagoa.server.LagoaServer;
import dev.lagoa.server.ServerSettings;
import dev.lagoa.server.features.ProjectFeatures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a test: how fast the web console answers on the demo projects. Each project under {@code
 * demo/} (made by {@code ./lagoa demo}) is copied, served in this JVM exactly as {@code lagoa
 * serve} serves it, signed in to through the console's login form, and each page is requested one
 * at a time: the overview (lineage with freshness and model status), the page of every table
 * (metadata, timeline, sample and quarantine rows), the runs page, the SQL page and a query. The
 * reference measured in the same run is {@code GET /health}, the server's cheapest answer. Prints
 * p50 and p95 per page against the goal of 300 ms; asserts nothing.
 *
 * <p>Run with {@code ./lagoa-bench/run console [requests per page]} (default 20).
 */
final class ConsoleBenchmark {
  private static final String PASSWORD = "benchmark password";
  private static final double GOAL_MILLIS = 300;

  private ConsoleBenchmark() {}

  static void run(Path data, Path home, String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path demo = home.resolve("demo");
    if (!Files.isDirectory(demo)) {
      System.err.println("no demo/ projects: run ./lagoa demo first");
      System.exit(2);
    }
    List<Path> projects;
    try (Stream<Path> list = Files.list(demo)) {
      projects =
          list.filter(p -> Files.exists(p.resolve(ProjectConfig.FILE_NAME))).sorted().toList();
    }
    System.out.printf(
        Locale.ROOT,
        "%d requests a page, one at a time, after 3 warm-up requests; goal: p95 <= %.0f ms%n",
        requests,
        GOAL_MILLIS);
    System.out.printf(
        Locale.ROOT,
        "%-16s %-44s %9s %9s %9s  %s%n",
        "project",
        "page",
        "p50 ms",
        "p95 ms",
        "x health",
        "goal");
    int over = 0;
    int pages = 0;
    for (Path source : projects) {
      Path project = data.resolve("console").resolve(source.getFileName());
      Directories.deleteRecursively(project);
      copy(source, project);
      Lakehouse.relocate(project);
      try {
        int[] result = measure(project, requests);
        pages += result[0];
        over += result[1];
      } catch (RuntimeException e) {
        System.out.printf("%-16s skipped: %s%n", source.getFileName(), e.getMessage());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d pages measured, %d over the %.0f ms goal at p95%n",
        pages,
        over,
        GOAL_MILLIS);
  }

  private static int[] measure(Path project, int requests) throws Exception {
    ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(project);
    try (CatalogDatabase database = CatalogDatabase.open(config.catalog())) {
      new UserStore(database, Clock.systemUTC()).add("bench", Role.ADMIN, PASSWORD.toCharArray());
    }
    List<String> tables;
    try (Lakehouse lake = Lakehouse.open(project)) {
      tables = lake.tables();
    }
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Clock clock = Clock.systemUTC();
    try (PipelineService service =
            PipelineService.start(config, clock, new EventLog(quiet, EventLog.Format.TEXT, clock));
        ProjectFeatures features = ProjectFeatures.open(service, Map.of(), clock);
        LagoaServer server =
            LagoaServer.start(
                service,
                new ServerSettings("127.0.0.1", 0),
                ProjectFeatures.RUN_ROLES,
                features.features(),
                clock)) {
      String base = "http://127.0.0.1:" + server.port();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String cookie = signIn(client, base);
      Map<String, HttpRequest> pages = new LinkedHashMap<>();
      pages.put("GET /health (reference)", get(base + "/health", ""));
      pages.put("overview", get(base + "/console", cookie));
      for (String table : tables) {
        pages.put("table " + table, get(base + "/console/tables/" + table, cookie));
      }
      pages.put("runs", get(base + "/console/runs", cookie));
      pages.put("sql page", get(base + "/console/sql", cookie));
      if (!tables.isEmpty()) {
        pages.put(
            "sql: SELECT count(*) FROM " + tables.get(0),
            HttpRequest.newBuilder(URI.create(base + "/console/sql"))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "sql="
                            + URLEncoder.encode(
                                "SELECT count(*) FROM " + tables.get(0), StandardCharsets.UTF_8)))
                .build());
      }
      double reference = Double.NaN;
      int over = 0;
      for (Map.Entry<String, HttpRequest> page : pages.entrySet()) {
        double[] millis = time(client, page.getValue(), requests);
        if (Double.isNaN(reference)) {
          reference = millis[0];
        }
        boolean within = millis[1] <= GOAL_MILLIS;
        over += within ? 0 : 1;
        System.out.printf(
            Locale.ROOT,
            "%-16s %-44s %9.1f %9.1f %9.0f  %s%n",
            config.name(),
            page.getKey().length() > 44 ? page.getKey().substring(0, 44) : page.getKey(),
            millis[0],
            millis[1],
            millis[0] / reference,
            within ? "ok" : "OVER");
      }
      return new int[] {pages.size() - 1, over};
    }
  }

  private static String signIn(HttpClient client, String base) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=bench&password="
                            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String setCookie =
        response
            .headers()
            .firstValue("Set-Cookie")
            .orElseThrow(
                () -> new IllegalStateException("sign-in failed: HTTP " + response.statusCode()));
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static HttpRequest get(String url, String cookie) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
    if (!cookie.isEmpty()) {
      builder.header("Cookie", cookie);
    }
    return builder.build();
  }

  /** p50 and p95 in milliseconds; a page that does not answer 200 stops the benchmark. */
  private static double[] time(HttpClient client, HttpRequest request, int requests)
      throws Exception {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < requests + 3; i++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long elapsed = System.nanoTime() - start;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered HTTP " + response.statusCode());
      }
      if (i >= 3) {
        nanos.add(elapsed);
      }
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    return new double[] {
      sorted[sorted.length / 2] / 1e6,
      sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] / 1e6
    };
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (!file.getFileName().toString().startsWith("serve-")) {
          Files.copy(file, target);
        }
      }
    }
  }
}
