package dev.lagoa.cli;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.runtime.serve.EventLog;
import dev.lagoa.runtime.serve.PipelineService;
import dev.lagoa.server.LagoaServer;
import dev.lagoa.server.RunRouteRoles;
import dev.lagoa.server.ServerSettings;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    mixinStandardHelpOptions = true,
    name = "serve",
    description = {
      "Keep the project running: its schedules, file-arrival and upstream triggers, with run",
      "history, until stopped (SIGTERM or Ctrl-C: running steps finish within the grace period).",
      "HTTP: /health, /ready, /metrics, POST /runs, GET /runs, GET /runs/{id}."
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
      description =
          "Address to listen on. Default: ${DEFAULT-VALUE}; the run routes have no sign-in yet.")
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
    try {
      server =
          LagoaServer.start(
              service, new ServerSettings(host, port), RunRouteRoles.UNTAGGED, List.of(), clock);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    log.event("listening", java.util.Map.of("url", "http://" + host + ":" + server.port()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  server.close();
                  stopped.countDown();
                },
                "lagoa-serve-shutdown"));
    stopped.await();
    return Main.OK;
  }
}
