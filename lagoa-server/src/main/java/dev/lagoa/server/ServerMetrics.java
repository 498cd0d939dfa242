package dev.lagoa.server;

import dev.lagoa.runtime.runs.RunListener;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.StepRecord;
import dev.lagoa.runtime.serve.ArrivalListener;
import dev.lagoa.runtime.serve.CdcStreams;
import dev.lagoa.runtime.serve.PipelineService;
import dev.lagoa.runtime.trigger.Arrival;
import dev.lagoa.runtime.trigger.TableState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code GET /metrics} shows, in Prometheus format: runs by project, job, trigger and status;
 * run durations; rows loaded and quarantined; seconds since each table's last commit; the
 * file-arrival → table latency histogram; runs queued and running; for each change-data-capture
 * stream its lag, events and the change → lake latency histogram; the JVM.
 */
public final class ServerMetrics implements RunListener, ArrivalListener {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  private final String project;
  private final Timer arrivalLatency;
  private final Set<String> freshnessGauges = ConcurrentHashMap.newKeySet();
  private final JvmGcMetrics gc = new JvmGcMetrics();

  public ServerMetrics(PipelineService service, Clock clock) {
    this.clock = clock;
    this.project = service.config().name();
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    arrivalLatency =
        Timer.builder("lagoa.file.arrival.latency")
            .description("From a file landing to its rows being in the table")
            .tag("project", project)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(100))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(registry);
    Gauge.builder("lagoa.runs.queued", service.engine(), engine -> engine.queueDepth())
        .description("Runs waiting to start")
        .tag("project", project)
        .register(registry);
    Gauge.builder("lagoa.runs.running", service.engine(), engine -> engine.runningCount())
        .description("Runs executing now")
        .tag("project", project)
        .register(registry);
    service.addRunListener(this);
    service.addArrivalListener(this);
    bindCdc(service.cdc());
  }

  /**
   * Per streamed change-data-capture source: whether it runs, WAL bytes not yet in the lake, source
   * events read, restarts, and the source-commit → visible-in-the-lake latency of every change.
   */
  private void bindCdc(CdcStreams cdc) {
    for (String source : cdc.sources()) {
      Gauge.builder("lagoa.cdc.running", cdc, c -> c.running(source) ? 1 : 0)
          .description("1 while the source's change stream runs")
          .tag("project", project)
          .tag("source", source)
          .register(registry);
      Gauge.builder("lagoa.cdc.lag", cdc, c -> c.lagBytes(source))
          .description("WAL bytes the replication slot has not confirmed (not yet in the lake)")
          .baseUnit("bytes")
          .tag("project", project)
          .tag("source", source)
          .register(registry);
      FunctionCounter.builder("lagoa.cdc.events", cdc, c -> c.eventsRead(source))
          .description("Source events read by the current stream (rate() gives changes per second)")
          .tag("project", project)
          .tag("source", source)
          .register(registry);
      Gauge.builder("lagoa.cdc.restarts", cdc, c -> c.restarts(source))
          .description("Times the stream failed and was started again")
          .tag("project", project)
          .tag("source", source)
          .register(registry);
    }
    cdc.addListener(
        (source, committed, sourceMillis) -> {
          Timer latency =
              Timer.builder("lagoa.cdc.change.latency")
                  .description("From a change's commit in the source to its batch in the lake")
                  .tag("project", project)
                  .tag("source", source)
                  .publishPercentileHistogram()
                  .minimumExpectedValue(Duration.ofMillis(10))
                  .maximumExpectedValue(Duration.ofMinutes(10))
                  .register(registry);
          for (long millis : sourceMillis) {
            latency.record(Duration.ofMillis(Math.max(0, committed - millis)));
          }
        });
  }

  /** The metrics in Prometheus' text format, with a freshness gauge for every table seen. */
  public String scrape(PipelineService service) {
    for (String table : service.tables().keySet()) {
      if (freshnessGauges.add(table)) {
        Gauge.builder(
                "lagoa.table.freshness",
                service,
                s -> {
                  TableState state = s.tables().get(table);
                  return state == null
                      ? Double.NaN
                      : Duration.between(state.committedAt(), clock.instant()).toMillis() / 1000.0;
                })
            .description("Seconds since the table's last commit")
            .baseUnit("seconds")
            .tag("project", project)
            .tag("table", table)
            .register(registry);
      }
    }
    return registry.scrape();
  }

  @Override
  public void finished(RunRecord run) {
    String status = run.status().label();
    Counter.builder("lagoa.runs")
        .description("Runs finished")
        .tag("project", project)
        .tag("job", run.job())
        .tag("trigger", run.trigger().label())
        .tag("status", status)
        .register(registry)
        .increment();
    run.duration()
        .ifPresent(
            duration ->
                Timer.builder("lagoa.run.duration")
                    .description("Run durations, retries included")
                    .tag("project", project)
                    .tag("job", run.job())
                    .tag("status", status)
                    .register(registry)
                    .record(duration));
    for (StepRecord step : run.steps()) {
      if (step.kind().equals("load")) {
        Counter.builder("lagoa.rows.loaded")
            .tag("project", project)
            .tag("source", step.name())
            .register(registry)
            .increment(step.rowsOut());
      }
      if (step.rowsQuarantined() > 0) {
        Counter.builder("lagoa.rows.quarantined")
            .description("Rows sent to quarantine (loads) or dropped by expectations (models)")
            .tag("project", project)
            .tag("step", step.kind() + ":" + step.name())
            .register(registry)
            .increment(step.rowsQuarantined());
      }
    }
  }

  @Override
  public void visible(Arrival arrival, Instant visibleAt) {
    Duration latency = Duration.between(arrival.landedAt(), visibleAt);
    arrivalLatency.record(latency.isNegative() ? Duration.ZERO : latency);
  }

  public void close() {
    gc.close();
    registry.close();
  }
}
