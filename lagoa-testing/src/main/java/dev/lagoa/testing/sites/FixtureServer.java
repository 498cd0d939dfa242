package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port that serves one fixture site, with switches
 * that make pages fail the way real sites do: always (a broken page) or a few times (a hiccup), and
 * a configurable robots.txt.
 */
public final class FixtureServer implements AutoCloseable {
  /** Allows every path to every crawler. */
  public static final String ALLOW_ALL_ROBOTS = "User-agent: *\nDisallow:\n";

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed
    // ACK and every response waits ~40 ms. Read once, when the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Function<FixtureRequest, FixtureResponse> site;
  private final Set<String> broken = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String robotsTxt = ALLOW_ALL_ROBOTS;

  private FixtureServer(Function<FixtureRequest, FixtureResponse> site, int threads)
      throws IOException {
    this.site = requireNonNull(site, "site is null");
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread =
                  new Thread(runnable, "fixture-site-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts serving {@code site}; close the server to stop it. */
  public static FixtureServer start(Function<FixtureRequest, FixtureResponse> site) {
    try {
      return new FixtureServer(site, 8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start fixture site on 127.0.0.1: " + e.getMessage(), e);
    }
  }

  /** The site's root, such as {@code http://127.0.0.1:41873}, without a trailing slash. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Makes {@code path} answer HTTP 500 from now on. */
  public void failAlways(String path) {
    broken.add(path);
  }

  /** Makes {@code path} answer HTTP 503 to its next {@code times} requests, then work again. */
  public void failTimes(String path, int times) {
    failuresLeft.put(path, new AtomicInteger(times));
  }

  public void robotsTxt(String text) {
    this.robotsTxt = requireNonNull(text, "text is null");
  }

  /** Requests served since the start, robots.txt included. */
  public int requestCount() {
    return requests.get();
  }

  /** Requests served for one path (query excluded). */
  public int hits(String path) {
    AtomicInteger count = hits.get(path);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      FixtureRequest request =
          new FixtureRequest(
              path,
              uri.getRawQuery() == null ? "" : uri.getRawQuery(),
              exchange.getRequestHeaders().getFirst("User-Agent"));
      send(exchange, respond(request));
    }
  }

  private FixtureResponse respond(FixtureRequest request) {
    if (broken.contains(request.path())) {
      return FixtureResponse.status(500, "Internal Server Error");
    }
    AtomicInteger left = failuresLeft.get(request.path());
    if (left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return FixtureResponse.status(503, "Service Unavailable");
    }
    if (request.path().equals("/robots.txt")) {
      return FixtureResponse.text(robotsTxt, StandardCharsets.UTF_8);
    }
    try {
      return site.apply(request);
    } catch (RuntimeException e) {
      return FixtureResponse.status(500, "Fixture site failed: " + e);
    }
  }

  private static void send(HttpExchange exchange, FixtureResponse response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    byte[] body = exchange.getRequestMethod().equals("HEAD") ? new byte[0] : response.body();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
