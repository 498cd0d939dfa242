package dev.lagoa.cli;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.runtime.serve.EventLog;
import dev.lagoa.runtime.serve.PipelineService;
import dev.lagoa.server.LagoaServer;
import dev.lagoa.server.ServerSettings;
import dev.lagoa.server.features.ProjectFeatures;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = {
      "Keep the project running: its schedules, file-arrival and upstream triggers, with run",
      "history, until stopped (SIGTERM or Ctrl-C: running steps finish within the grace period).",
      "HTTP: /health, /ready, /metrics; signed in (lagoa users add): POST /runs (admin),",
      "GET /runs, GET /runs/{id}, /auth/*, the api: resources, /api/v1/sql (analyst),",
      "/api/v1/ml/{model}/... and /openapi.json."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "HTTP port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port = ServerSettings.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host = ServerSettings.DEFAULT_HOST;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "text or json: one line per event. Default: ${DEFAULT-VALUE}.")
  String logFormat = "text";

  @Override
  public Integer call() throws InterruptedException {
    Clock clock = Clock.systemUTC();
    EventLog.Format format =
        switch (logFormat) {
          case "text" -> EventLog.Format.TEXT;
          case "json" -> EventLog.Format.JSON;
          default ->
              throw LagoaException.userInput(
                  "Cannot serve: --log-format was '%s' but it must be text or json", logFormat);
        };
    EventLog log = new EventLog(System.out, format, clock);
    PipelineService service =
        PipelineService.start(
            ProjectConfigLoader.withSystemEnvironment().load(project.directory), clock, log);
    LagoaServer server;
    ProjectFeatures features;
    try {
      features = ProjectFeatures.open(service, System.getenv(), clock);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    try {
      server =
          LagoaServer.start(
              service,
              new ServerSettings(host, port),
              ProjectFeatures.RUN_ROLES,
              features.features(),
              clock);
    } catch (RuntimeException e) {
      features.close();
      service.close();
      throw e;
    }
    log.event("listening", java.util.Map.of("url", "http://" + host + ":" + server.port()));
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean closing = new AtomicBoolean();
    Runnable shutdown =
        () -> {
          if (closing.compareAndSet(false, true)) {
            service.close();
            server.close();
            features.close();
          }
          stopped.countDown();
        };
    // SIGTERM and Ctrl-C are handled here, before the JVM starts its shutdown: Iceberg's worker
    // pool stops taking tasks in its own shutdown hook, so a step finishing during the grace period
    // could not commit once the JVM is shutting down.
    for (String name : List.of("TERM", "INT")) {
      Signal.handle(new Signal(name), signal -> new Thread(shutdown, "lagoa-serve-stop").start());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "lagoa-serve-shutdown"));
    stopped.await();
    return Main.OK;
  }
}
