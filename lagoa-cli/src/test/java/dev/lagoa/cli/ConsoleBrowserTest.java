package dev.lagoa.cli;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.RequestOptions;
import dev.lagoa.testing.data.CarTelemetryGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in a real Chromium (Debian's, driven by Playwright) against a real {@code lagoa
 * serve} of the car-telemetry example with the demo's kinds of files landed (good readings and the
 * bad files a landing zone sees). One server and one browser for the class; each test signs in with
 * its own browser context. Screenshots of every page go to {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final String PASSWORD = "console-test-password";

  @TempDir static Path directory;
  static Path project;
  static ServeProcess serve;
  static String url;
  static Playwright playwright;
  static Browser browser;

  BrowserContext context;

  @BeforeAll
  static void serveCarTelemetryWithUsersAndOpenABrowser() throws Exception {
    project = ServeProcess.carTelemetry(directory.resolve("car-telemetry"));
    CarTelemetryGenerator generator = new CarTelemetryGenerator(42, 12, 4);
    generator.writeOnePerFile(project.resolve("landing/cars"), 240);
    addUser("ada", "admin");
    addUser("ana", "analyst");
    addUser("rui", "reader");
    serve = ServeProcess.start(project);
    url = serve.url().orElseThrow();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> ServeProcess.number(project, "SELECT count(*) FROM gold.car_latest_state") > 0);
    // Then the bad files a landing zone sees arrive, written elsewhere and moved in.
    Path staging =
        generator
            .writeBadFiles(Files.createDirectories(project.resolve("staging/bad")))
            .all()
            .get(0)
            .getParent();
    Path bad = Files.createDirectories(project.resolve("landing/cars/bad"));
    try (var files = Files.list(staging)) {
      for (Path file : files.toList()) {
        Files.move(
            file, bad.resolve(file.getFileName()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
    }
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ServeProcess.number(project, "SELECT count(*) FROM bronze.car_readings_quarantine")
                    > 0);
    Files.createDirectories(SCREENSHOTS);
    Map<String, String> env = new HashMap<>();
    env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    if (System.getenv("PLAYWRIGHT_NODEJS_PATH") == null
        && Files.isExecutable(Path.of("/usr/bin/node"))) {
      env.put("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node");
    }
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(env));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--disable-quic")));
    PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
  }

  @AfterAll
  static void closeEverything() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (serve != null) {
      Files.writeString(SCREENSHOTS.resolve("serve.log"), serve.log());
      serve.close();
    }
  }

  @AfterEach
  void closeContext() {
    if (context != null) {
      context.close();
    }
  }

  private static void addUser(String name, String role) {
    java.io.InputStream original = System.in;
    System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
    try {
      StringWriter err = new StringWriter();
      int exit =
          Main.execute(
              new String[] {
                "users",
                "add",
                name,
                "--role",
                role,
                "--password-stdin",
                "--project",
                project.toString()
              },
              new PrintWriter(new StringWriter(), true),
              new PrintWriter(err, true));
      Assertions.assertThat(exit).as(err.toString()).isZero();
    } finally {
      System.setIn(original);
    }
  }

  /** A fresh browser context (no cookies) with a page viewed on a laptop-sized screen. */
  private Page newPage() {
    context =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(1440, 900).setAcceptDownloads(true));
    return context.newPage();
  }

  private Page signIn(String user) {
    Page page = newPage();
    page.navigate(url + "/console");
    page.getByLabel("User name").fill(user);
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Sign in"))
        .click();
    assertThat(page.locator("header .who")).containsText(user);
    return page;
  }

  private static void screenshot(Page page, String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
  }

  @Test
  void aVisitorWhoIsNotSignedInSeesOnlyTheLoginPage() {
    Page page = newPage();

    page.navigate(url + "/console/tables/gold.car_latest_state");

    Assertions.assertThat(page.url()).startsWith(url + "/console/login");
    assertThat(page.locator("h2")).hasText("Sign in");
    Assertions.assertThat(page.content()).doesNotContain("car_latest_state</");
    screenshot(page, "login.png");

    page.getByLabel("User name").fill("ada");
    page.getByLabel("Password").fill("not-the-password");
    page.locator("button[type=submit]").click();
    assertThat(page.locator("#login-error")).hasText("Wrong user name or password");
  }

  @Test
  void anAdminFollowsTheCarTelemetryLineageToTheGoldTableAndItsSnapshotTimeline() {
    Page page = signIn("ada");

    assertThat(page.locator("h1")).hasText("Overview");
    assertThat(page.locator("svg a[data-node='bronze.car_readings']")).isVisible();
    assertThat(page.locator("svg a[data-node='silver.car_readings']")).isVisible();
    screenshot(page, "overview.png");

    page.locator("svg a[data-node='gold.car_latest_state']").click();

    Assertions.assertThat(page.url()).isEqualTo(url + "/console/tables/gold.car_latest_state");
    assertThat(page.locator("h1")).hasText("gold.car_latest_state");
    assertThat(page.locator("#rows"))
        .hasText(
            Long.toString(
                ServeProcess.number(project, "SELECT count(*) FROM gold.car_latest_state")));
    assertThat(page.locator(".schema")).containsText("carChassis");
    assertThat(page.locator("#timeline li.commit").first())
        .containsText("built from silver.car_readings at snapshot");
    assertThat(page.locator(".partitions .chart[data-drawn='bar']")).isVisible();
    screenshot(page, "table.png");

    String oldest =
        page.locator("#timeline li.commit").last().locator("code").first().textContent();
    page.locator("#timeline li.commit").last().getByText("Rows at this snapshot").click();
    assertThat(page.locator("#sample caption")).containsText("at snapshot " + oldest);
  }

  @Test
  void theBronzeTablePageShowsAQuarantinedRecordWithItsFileLineAndReason() {
    Page page = signIn("ana");

    page.navigate(url + "/console/tables/bronze.car_readings");

    assertThat(page.locator(".schema")).containsText("metrics");
    // metrics' own nested list (struct columns come in the table's order, not metrics first).
    assertThat(
            page.locator(".schema")
                .locator("xpath=.//li[code[@class='name' and normalize-space()='metrics']]/ul"))
        .containsText("trip");
    assertThat(page.locator("#timeline")).containsText("from source car_readings");
    assertThat(page.locator("#quarantine tbody tr").first()).isVisible();
    assertThat(page.locator("#quarantine")).containsText("bad_malformed_line.jsonl.gz");
    assertThat(page.locator("#quarantine thead")).containsText("reason");
    screenshot(page, "bronze.png");
  }

  @Test
  void anAdminStartsARunAndWatchesItFinishOnTheRunsPage() {
    Page page = signIn("ada");
    page.navigate(url + "/console/runs");

    page.locator("#start-run").click();

    assertThat(page.locator("#run-message")).containsText("run ");
    Matcher id =
        Pattern.compile("run (\\S+?)[.,]").matcher(page.locator("#run-message").textContent());
    Assertions.assertThat(id.find()).isTrue();
    Locator run = page.locator("tr[data-run='" + id.group(1) + "']");
    assertThat(run).isAttached();
    assertThat(
            page.locator(
                "tr[data-run='"
                    + id.group(1)
                    + "']:not([data-status='running']):not([data-status='queued'])"))
        .isAttached(new LocatorAssertions.IsAttachedOptions().setTimeout(90_000));
    Assertions.assertThat(run.getAttribute("data-status"))
        .as(run.textContent())
        .isEqualTo("succeeded");
    assertThat(page.locator("tr[data-run='" + id.group(1) + "'] td").nth(3)).hasText("manual");
    assertThat(page.locator("#runs .chart[data-drawn='line']")).isVisible();
    screenshot(page, "runs.png");
  }

  @Test
  void anAnalystRunsAQueryDrawsABarChartAndDownloadsTheRowsAsCsv() throws IOException {
    Page page = signIn("ana");
    page.navigate(url + "/console/sql");
    String sql =
        "SELECT Manufacturer, count(*) AS cars FROM gold.car_latest_state"
            + " GROUP BY Manufacturer ORDER BY Manufacturer";
    List<String> expected = ServeProcess.query(project, sql);

    page.getByLabel("SQL (Ctrl+Enter runs it)").fill(sql);
    page.locator("#run-sql").click();

    assertThat(page.locator("#sql-rows tbody tr")).hasCount(expected.size() - 1);
    assertThat(page.locator("#sql-rows tbody tr").first().locator("td").first())
        .hasText(expected.get(1).split(",")[0]);
    page.locator("#chart-x").selectOption("0");
    page.locator("#chart-y").selectOption("1");
    page.locator("#chart-type").selectOption("bar");
    page.locator("#draw-chart").click();
    assertThat(page.locator("#sql-chart")).hasAttribute("data-drawn", "bar");
    assertThat(page.locator("#sql-chart svg path").first()).isAttached();
    screenshot(page, "sql.png");

    Download download = page.waitForDownload(() -> page.locator("#download-csv").click());
    String csv;
    try (InputStream in = download.createReadStream()) {
      csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Assertions.assertThat(download.suggestedFilename()).isEqualTo("query.csv");
    Assertions.assertThat(csv.lines().toList()).isEqualTo(expected);
  }

  @Test
  void aReaderCannotOpenTheSqlPageNorRunSql() {
    Page page = signIn("rui");

    Assertions.assertThat(page.locator("nav").textContent()).doesNotContain("SQL");
    Response response = page.navigate(url + "/console/sql");

    Assertions.assertThat(response.status()).isEqualTo(403);
    assertThat(page.locator("main .error"))
        .hasText("User rui has role reader but this page needs analyst.");
    screenshot(page, "reader-sql-forbidden.png");
    Assertions.assertThat(
            page.request()
                .post(
                    url + "/console/sql",
                    RequestOptions.create()
                        .setForm(
                            com.microsoft.playwright.options.FormData.create()
                                .set("sql", "SELECT 1")))
                .status())
        .isEqualTo(403);
  }
}
