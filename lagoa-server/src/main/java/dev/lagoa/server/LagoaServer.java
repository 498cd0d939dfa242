package dev.lagoa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.runtime.runs.RunEngine;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.StepRecord;
import dev.lagoa.runtime.runs.TriggerKind;
import dev.lagoa.runtime.serve.PipelineService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lagoa serve}'s HTTP adapter over a {@link PipelineService}: {@code GET /health}, {@code
 * GET /ready}, {@code GET /metrics}, {@code POST /runs}, {@code GET /runs}, {@code GET /runs/{id}},
 * plus whatever the mounted {@link ServerFeature}s add. No pipeline logic here.
 */
public final class LagoaServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin app;
  private final ServerMetrics metrics;

  private LagoaServer(Javalin app, ServerMetrics metrics) {
    this.app = app;
    this.metrics = metrics;
  }

  public static LagoaServer start(
      PipelineService service,
      ServerSettings settings,
      RunRouteRoles roles,
      List<ServerFeature> features,
      Clock clock) {
    ServerMetrics metrics = new ServerMetrics(service, clock);
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              features.forEach(feature -> feature.install(config));
              config.routes.get("/health", ctx -> json(ctx, 200, Map.of("status", "up")));
              config.routes.get(
                  "/ready",
                  ctx ->
                      json(
                          ctx,
                          service.ready() ? 200 : 503,
                          Map.of("ready", service.ready(), "project", service.config().name())));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape(service)));
              config.routes.post("/runs", ctx -> startRun(service, ctx), array(roles.startRuns()));
              config.routes.get(
                  "/runs", ctx -> listRuns(service, ctx, clock), array(roles.readRuns()));
              config.routes.get(
                  "/runs/{id}",
                  ctx -> {
                    Optional<RunRecord> run = service.ledger().find(ctx.pathParam("id"));
                    if (run.isEmpty()) {
                      json(ctx, 404, Map.of("error", "no run " + ctx.pathParam("id")));
                    } else {
                      json(ctx, 200, describe(run.get()));
                    }
                  },
                  array(roles.readRuns()));
              config.routes.exception(
                  LagoaException.class,
                  (e, ctx) -> json(ctx, status(e.category()), Map.of("error", e.getMessage())));
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      metrics.close();
      throw LagoaException.external(
          e,
          "Cannot listen on %s:%d: %s",
          settings.host(),
          settings.port(),
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
    return new LagoaServer(app, metrics);
  }

  public int port() {
    return app.port();
  }

  /** The one place error categories become HTTP statuses. */
  static int status(ErrorCategory category) {
    return switch (category) {
      case USER_INPUT -> 400;
      case EXTERNAL -> 503;
      case INTERNAL -> 500;
    };
  }

  private static void startRun(PipelineService service, Context ctx) {
    JsonNode body;
    try {
      body = ctx.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(ctx.body());
    } catch (IOException e) {
      throw LagoaException.userInput("Cannot read the request body as JSON: %s", e.getMessage());
    }
    List<String> sources = new ArrayList<>();
    JsonNode sourceNode = body.path("sources");
    if (sourceNode.isArray()) {
      sourceNode.forEach(source -> sources.add(source.asText()));
    } else if (!sourceNode.isMissingNode()) {
      throw LagoaException.userInput(
          "Cannot start a run: sources was '%s' but it must be a list of source names", sourceNode);
    }
    String models = body.path("models").asText("");
    RunEngine.Submission submission = service.startRun(sources, models, TriggerKind.API);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("run_id", submission.runId());
    answer.put("joined_queued_run", submission.coalesced());
    answer.put("href", "/runs/" + submission.runId());
    json(ctx, 202, answer);
  }

  private static void listRuns(PipelineService service, Context ctx, Clock clock) {
    boolean failed = "true".equals(ctx.queryParam("failed"));
    String sinceText = ctx.queryParam("since");
    Optional<Instant> since = Optional.empty();
    if (sinceText != null) {
      try {
        since = Optional.of(clock.instant().minus(Duration.parse("PT" + sinceText.toUpperCase())));
      } catch (RuntimeException e) {
        throw LagoaException.userInput(
            "Cannot list runs: since was '%s' but it must be a duration such as 30m or 2h",
            sinceText);
      }
    }
    List<Map<String, Object>> runs = new ArrayList<>();
    for (RunRecord run : service.ledger().list(since, failed, 200)) {
      runs.add(describe(run));
    }
    json(ctx, 200, Map.of("runs", runs));
  }

  static Map<String, Object> describe(RunRecord run) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", run.id());
    fields.put("job", run.job());
    fields.put("trigger", run.trigger().label());
    fields.put("selection", run.selection());
    fields.put("status", run.status().label());
    fields.put("scheduled_for", run.scheduledFor().toString());
    fields.put("started_at", run.startedAt().toString());
    fields.put("ended_at", run.endedAt().map(Instant::toString).orElse(null));
    fields.put("attempts", run.attempts());
    fields.put("error", run.error().orElse(null));
    fields.put("worker", run.worker());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (StepRecord step : run.steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("kind", step.kind());
      s.put("name", step.name());
      s.put("status", step.status());
      s.put("rows_in", step.rowsIn());
      s.put("rows_out", step.rowsOut());
      s.put("rows_quarantined", step.rowsQuarantined());
      s.put("message", step.message());
      steps.add(s);
    }
    fields.put("steps", steps);
    return fields;
  }

  private static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw LagoaException.internal(e, "Cannot write JSON: %s", e.getMessage());
    }
  }

  private static RouteRole[] array(java.util.Set<RouteRole> roles) {
    return roles.toArray(RouteRole[]::new);
  }

  @Override
  public void close() {
    app.stop();
    metrics.close();
  }
}
