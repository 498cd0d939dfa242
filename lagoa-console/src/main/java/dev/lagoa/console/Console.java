package dev.lagoa.console;

import dev.lagoa.api.ApiError;
import dev.lagoa.api.LagoaApi;
import dev.lagoa.api.auth.AuthRoutes;
import dev.lagoa.api.sql.QueryTimedOut;
import dev.lagoa.api.sql.SafeResult;
import dev.lagoa.api.sql.SqlRoutes;
import dev.lagoa.console.overview.Overview;
import dev.lagoa.console.runs.RunsView;
import dev.lagoa.console.sql.SqlView;
import dev.lagoa.console.tables.TableDetails;
import dev.lagoa.console.tables.TableRows;
import dev.lagoa.core.LagoaException;
import dev.lagoa.models.ModelFreshness;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.ProjectLineage;
import dev.lagoa.runtime.runs.RunEngine;
import dev.lagoa.runtime.runs.TriggerKind;
import dev.lagoa.runtime.serve.PipelineService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The web console of {@code lagoa serve}, mounted like any server feature with {@link
 * #install(JavalinConfig)}: an overview of each pipeline's lineage, a page per table, the run
 * history with a button to start a run, and a SQL editor with charts. Pages are rendered on the
 * server (precompiled JTE templates) and updated in place with htmx; charts are ECharts. It signs
 * in with the data API's users and checks the same roles; its SQL is the SQL endpoint's, and its
 * runs are the run engine's. No logic of its own beyond presenting them.
 */
public final class Console {
  public static final String ROOT = "/console";

  private final LagoaApi api;
  private final PipelineService service;
  private final Lakehouse lake;
  private final Clock clock;
  private final Rendering rendering;
  private final ConsoleGate gate;
  private final Assets assets = new Assets();
  private final TableRows tableRows;
  private final Object freshnessLock = new Object();
  private Map<String, Long> freshnessKey = Map.of();
  private Map<String, ModelFreshness.Entry> freshness = Map.of();

  /**
   * @param lake the project opened for reading metadata and sample rows (the console's own: its
   *     DuckDB connection is used one query at a time)
   */
  public Console(LagoaApi api, PipelineService service, Lakehouse lake, Clock clock) {
    this.api = api;
    this.service = service;
    this.lake = lake;
    this.clock = clock;
    this.rendering = new Rendering(service.config().name());
    this.gate = new ConsoleGate(api, rendering);
    this.tableRows = new TableRows(lake.engine());
  }

  public void install(JavalinConfig config) {
    config.routes.beforeMatched(gate);
    config.routes.get("/", ctx -> ctx.redirect(ROOT, HttpStatus.SEE_OTHER));
    config.routes.get(ROOT + "/assets/{file}", assets::serve);
    config.routes.get(ROOT + "/login", ctx -> loginPage(ctx, 200, ""));
    config.routes.post(ROOT + "/login", this::login);
    config.routes.post(ROOT + "/logout", this::logout);
    config.routes.get(ROOT, this::overview, ConsoleAccess.READER);
    config.routes.get(ROOT + "/tables/{table}", this::table, ConsoleAccess.READER);
    config.routes.get(ROOT + "/tables/{table}/sample", this::sample, ConsoleAccess.READER);
    config.routes.get(ROOT + "/runs", this::runs, ConsoleAccess.READER);
    config.routes.get(ROOT + "/runs/list", this::runList, ConsoleAccess.READER);
    config.routes.post(ROOT + "/runs", this::startRun, ConsoleAccess.ADMIN);
    config.routes.get(ROOT + "/sql", this::sqlPage, ConsoleAccess.ANALYST);
    config.routes.post(ROOT + "/sql", this::runSql, ConsoleAccess.ANALYST);
    config.routes.post(ROOT + "/sql.csv", this::csv, ConsoleAccess.ANALYST);
  }

  // ---- sign-in ----------------------------------------------------------------------------------

  private void loginPage(Context ctx, int status, String error) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("project", rendering.project());
    parameters.put("next", ConsoleGate.safeNext(ctx.queryParam("next")));
    parameters.put("error", error);
    rendering.html(ctx, status, "login.jte", parameters);
  }

  private void login(Context ctx) {
    String name = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String next = ConsoleGate.safeNext(ctx.formParam("next"));
    AuthRoutes.SignedIn signedIn;
    try {
      signedIn = api.signIn(name, password, ctx.ip());
    } catch (ApiError e) {
      Map<String, Object> parameters = new LinkedHashMap<>();
      parameters.put("project", rendering.project());
      parameters.put("next", next);
      parameters.put("error", e.getMessage());
      rendering.html(ctx, e.status(), "login.jte", parameters);
      return;
    }
    ConsoleGate.open(ctx, signedIn.tokens().accessToken(), signedIn.tokens().accessTtl());
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void logout(Context ctx) {
    ConsoleGate.close(ctx);
    ctx.redirect(ROOT + "/login", HttpStatus.SEE_OTHER);
  }

  private Page page(Context ctx, String title, String section) {
    return new Page(title, rendering.project(), ConsoleGate.user(ctx), section);
  }

  // ---- overview ---------------------------------------------------------------------------------

  private void overview(Context ctx) {
    Map<String, Overview.TableFacts> tables = new HashMap<>();
    Map<String, Long> snapshots = new HashMap<>();
    for (TableIdentifier id : lake.catalog().tables()) {
      Table table = lake.catalog().load(id.toString());
      Snapshot current = table.currentSnapshot();
      long rows = current == null ? 0 : number(current.summary().get("total-records"));
      tables.put(
          id.toString(),
          new Overview.TableFacts(
              rows, current == null ? null : Instant.ofEpochMilli(current.timestampMillis())));
      snapshots.put(id.toString(), current == null ? 0L : current.snapshotId());
    }
    ModelProject models = models();
    Overview.View view =
        Overview.of(
            ProjectLineage.of(service.config(), models),
            tables,
            freshness(models, snapshots),
            service.ledger().list(Optional.empty(), false, 50),
            clock.instant());
    rendering.page(ctx, "overview.jte", page(ctx, "Overview", "overview"), view);
  }

  private ModelProject models() {
    if (!Files.isDirectory(service.config().directory().resolve(ModelProject.MODELS_DIRECTORY))) {
      return null;
    }
    try {
      return ModelProject.read(service.config().directory());
    } catch (LagoaException e) {
      return null; // the overview still shows sources and tables; lagoa compile names the problem
    }
  }

  /**
   * Model freshness by table. Computing it compiles the models, so it is kept until a table's
   * snapshot changes.
   */
  private Map<String, ModelFreshness.Entry> freshness(
      ModelProject models, Map<String, Long> snapshots) {
    if (models == null) {
      return Map.of();
    }
    synchronized (freshnessLock) {
      if (!snapshots.equals(freshnessKey)) {
        Map<String, ModelFreshness.Entry> byTable = new HashMap<>();
        List<ModelFreshness.Entry> entries;
        synchronized (lake.engine()) {
          entries = lake.modelStatus();
        }
        entries.forEach(entry -> byTable.put(entry.table(), entry));
        freshness = Map.copyOf(byTable);
        freshnessKey = Map.copyOf(snapshots);
      }
      return freshness;
    }
  }

  // ---- tables -----------------------------------------------------------------------------------

  /** The table page with everything it shows. */
  public record TableView(
      TableDetails.View details, TableRows.Rows sample, Optional<TableRows.Rows> quarantine) {}

  private void table(Context ctx) {
    String name = ctx.pathParam("table");
    List<String> tables = lake.tables();
    if (!tables.contains(name)) {
      notFound(ctx, "The catalog has no table " + name + ".");
      return;
    }
    Table table = lake.catalog().load(name);
    TableDetails.View details =
        TableDetails.of(
            table, tables, service.ledger().list(Optional.empty(), false, RunsView.HISTORY));
    TableRows.Rows sample = tableRows.sample(table, null);
    Optional<TableRows.Rows> quarantine =
        details.quarantineTable().isEmpty()
            ? Optional.empty()
            : Optional.of(tableRows.quarantine(lake.catalog().load(details.quarantineTable())));
    rendering.page(
        ctx, "table.jte", page(ctx, name, "tables"), new TableView(details, sample, quarantine));
  }

  private void sample(Context ctx) {
    String name = ctx.pathParam("table");
    if (!lake.tables().contains(name)) {
      notFound(ctx, "The catalog has no table " + name + ".");
      return;
    }
    String snapshot = ctx.queryParam("snapshot");
    TableRows.Rows rows;
    try {
      Long snapshotId = snapshot == null || snapshot.isBlank() ? null : Long.parseLong(snapshot);
      rows = tableRows.sample(lake.catalog().load(name), snapshotId);
    } catch (NumberFormatException | LagoaException e) {
      ctx.status(400)
          .contentType("text/plain; charset=utf-8")
          .result("Cannot read rows at snapshot '" + snapshot + "': " + e.getMessage());
      return;
    }
    rendering.fragment(ctx, "sample.jte", rows);
  }

  private void notFound(Context ctx, String message) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("page", page(ctx, "Not found", ""));
    parameters.put("message", message);
    rendering.html(ctx, 404, "message.jte", parameters);
  }

  // ---- runs -------------------------------------------------------------------------------------

  private RunsView.View runsView(Context ctx, String message) {
    RunsView.Filter filter =
        new RunsView.Filter(ctx.queryParam("status"), ctx.queryParam("pipeline"));
    return RunsView.of(
        service.ledger().list(Optional.empty(), false, RunsView.HISTORY),
        filter,
        clock.instant(),
        message);
  }

  private void runs(Context ctx) {
    rendering.page(ctx, "runs.jte", page(ctx, "Runs", "runs"), runsView(ctx, ""));
  }

  private void runList(Context ctx) {
    rendering.fragment(ctx, "runs_list.jte", runsView(ctx, ""));
  }

  private void startRun(Context ctx) {
    String message;
    try {
      RunEngine.Submission submission =
          service.startRun(
              List.copyOf(service.config().sources().keySet()), "*", TriggerKind.MANUAL);
      message =
          submission.coalesced()
              ? "Joined run " + submission.runId() + ", which was already waiting."
              : "Started run " + submission.runId() + ".";
    } catch (LagoaException e) {
      message = e.getMessage();
    }
    rendering.fragment(ctx, "runs_list.jte", runsView(ctx, message));
  }

  // ---- SQL --------------------------------------------------------------------------------------

  private void sqlPage(Context ctx) {
    String sql = Optional.ofNullable(ctx.queryParam("sql")).orElse("");
    rendering.page(
        ctx,
        "sql.jte",
        page(ctx, "SQL", "sql"),
        new SqlView.Editor(lake.tables(), sql, api.queries().limits().maxRows()));
  }

  private void runSql(Context ctx) {
    String sql = Optional.ofNullable(ctx.formParam("sql")).orElse("");
    SqlView.Result result;
    Instant start = clock.instant();
    try {
      SafeResult rows = api.queries().run(sql, api.queries().limits().maxRows());
      result = SqlView.of(rows, Formats.duration(Duration.between(start, clock.instant())));
    } catch (QueryTimedOut e) {
      result = SqlView.Result.refused(e.getMessage());
    } catch (LagoaException e) {
      result = SqlView.Result.refused(e.getMessage());
    }
    rendering.fragment(ctx, "sql_result.jte", result);
  }

  private void csv(Context ctx) {
    String sql = Optional.ofNullable(ctx.formParam("sql")).orElse("");
    SafeResult rows;
    try {
      rows = api.queries().run(sql, api.queries().limits().maxRows());
    } catch (LagoaException e) {
      ctx.status(400).contentType("text/plain; charset=utf-8").result(e.getMessage());
      return;
    }
    ctx.status(200)
        .contentType("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"query.csv\"")
        .header("Lagoa-Truncated", Boolean.toString(rows.truncated()))
        .result(SqlRoutes.csv(rows));
  }

  private static long number(String value) {
    return value == null ? 0 : Long.parseLong(value);
  }
}
