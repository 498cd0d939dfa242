package dev.lagoa.scrape.fetch;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One headless Chromium driven by Playwright, owned by one thread: Playwright's objects must only
 * be used from the thread that created them, so every call is handed to this session's own thread.
 */
final class BrowserSession implements AutoCloseable {
  /**
   * Chromium flags for a headless crawler in a container: no sandbox, GPU, updates or phoning home.
   */
  static final List<String> CHROMIUM_ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-quic");

  private static final Path SYSTEM_NODE = Path.of("/usr/bin/node");

  private final ExecutorService thread;
  private final Handles handles;

  private record Handles(Playwright playwright, Browser browser, BrowserContext context) {}

  BrowserSession(Path executable, String userAgent, int number) {
    this.thread =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "lagoa-browser-" + number);
              t.setDaemon(true);
              return t;
            });
    try {
      this.handles = call(() -> launch(executable, userAgent));
    } catch (RuntimeException e) {
      thread.shutdownNow();
      throw e;
    }
  }

  private static Handles launch(Path executable, String userAgent) {
    if (!Files.isExecutable(executable)) {
      throw new FetchException(
          false,
          "Cannot start Chromium: "
              + executable
              + " is not an executable file (install Debian's chromium, or set"
              + " browser.executable)");
    }
    Playwright playwright;
    try {
      playwright = Playwright.create(new Playwright.CreateOptions().setEnv(driverEnvironment()));
    } catch (PlaywrightException e) {
      throw new FetchException(
          false,
          "Cannot start Playwright's driver: "
              + firstLine(e.getMessage())
              + " (it runs on Node.js: /usr/bin/node, or PLAYWRIGHT_NODEJS_PATH)",
          e);
    }
    try {
      Browser browser =
          playwright
              .chromium()
              .launch(
                  new BrowserType.LaunchOptions()
                      .setExecutablePath(executable)
                      .setHeadless(true)
                      .setArgs(CHROMIUM_ARGS));
      BrowserContext context =
          browser.newContext(new Browser.NewContextOptions().setUserAgent(userAgent));
      return new Handles(playwright, browser, context);
    } catch (PlaywrightException e) {
      playwright.close();
      throw new FetchException(
          false, "Cannot start Chromium " + executable + ": " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * The driver never downloads browsers, and runs on the system's node unless told otherwise, which
   * is what lets the build leave out Playwright's 200 MB bundle of node binaries.
   */
  private static Map<String, String> driverEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    boolean nodeChosen =
        System.getenv("PLAYWRIGHT_NODEJS_PATH") != null
            || System.getProperty("playwright.nodejs.path") != null;
    if (!nodeChosen && Files.isExecutable(SYSTEM_NODE)) {
      env.put("PLAYWRIGHT_NODEJS_PATH", SYSTEM_NODE.toString());
    }
    return env;
  }

  BrowserContext context() {
    return handles.context();
  }

  /** Runs {@code work} on this session's thread and waits for it. */
  <T> T call(Callable<T> work) {
    Future<T> future = thread.submit(work);
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new FetchException(false, "Cannot drive Chromium: " + cause, cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FetchException(false, "Cannot drive Chromium: interrupted", e);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  @Override
  public void close() {
    try {
      call(
          () -> {
            handles.playwright().close();
            return null;
          });
    } finally {
      thread.shutdownNow();
    }
  }
}
