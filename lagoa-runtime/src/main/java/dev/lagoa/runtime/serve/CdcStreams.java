package dev.lagoa.runtime.serve;

import dev.lagoa.cdc.CdcSource;
import dev.lagoa.cdc.CdcStream;
import dev.lagoa.cdc.CommitObserver;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.iceberg.LakeCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The change-data-capture sources {@code lagoa serve} keeps streaming: each enabled {@code
 * postgres-cdc} source follows its database continuously, committing micro-batches as they fill,
 * instead of catching up only when a run asks. A supervisor checks every stream each second; one
 * that stopped with an error is logged and started again after a back-off (1 s, doubling to 60 s),
 * resuming from the position its lake tables hold, so nothing is lost or applied twice. The models
 * downstream run on their own triggers (an {@code upstream} trigger on the captured tables).
 */
public final class CdcStreams implements AutoCloseable {
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** Hears every micro-batch a stream commits, for metrics. */
  @FunctionalInterface
  public interface Listener {
    void committed(String source, long committedMillis, long[] sourceMillis);
  }

  private final ProjectConfig config;
  private final Clock clock;
  private final EventLog log;
  private final Map<String, Supervised> streams = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService supervisor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "lagoa-cdc-supervisor");
            thread.setDaemon(true);
            return thread;
          });
  private LakeCatalog catalog;

  private CdcStreams(ProjectConfig config, Clock clock, EventLog log) {
    this.config = config;
    this.clock = clock;
    this.log = log;
  }

  /** Starts a stream for every enabled change-data-capture source of the project. */
  public static CdcStreams start(ProjectConfig config, Clock clock, EventLog log) {
    CdcStreams streams = new CdcStreams(config, clock, log);
    for (SourceConfig source : config.sources().values()) {
      if (source instanceof PostgresCdcSourceConfig cdc && config.enabled(source.name())) {
        streams.streams.put(source.name(), streams.new Supervised(cdc));
      }
    }
    if (!streams.streams.isEmpty()) {
      streams.catalog = LakeCatalog.open(config.catalog());
      streams.streams.values().forEach(Supervised::tryStart);
      streams.supervisor.scheduleWithFixedDelay(streams::supervise, 1, 1, TimeUnit.SECONDS);
    }
    return streams;
  }

  /** The sources being streamed: runs leave their capture to the stream. */
  public Set<String> sources() {
    return streams.keySet();
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Whether the source's stream is running now (false while it waits to be restarted). */
  public boolean running(String source) {
    Supervised stream = streams.get(source);
    return stream != null && stream.running();
  }

  /** Source events read by the source's current stream since it started. */
  public long eventsRead(String source) {
    Supervised stream = streams.get(source);
    return stream == null ? 0 : stream.eventsRead();
  }

  /** WAL bytes the source's slot has not confirmed yet (what the lake has still to commit). */
  public long lagBytes(String source) {
    Supervised stream = streams.get(source);
    return stream == null ? 0 : stream.lagBytes();
  }

  /** How many times the source's stream failed and was restarted. */
  public int restarts(String source) {
    Supervised stream = streams.get(source);
    return stream == null ? 0 : stream.restarts;
  }

  private void supervise() {
    for (Supervised stream : streams.values()) {
      try {
        stream.check();
      } catch (RuntimeException e) {
        log.event("cdc_supervisor_error", Map.of("source", stream.source.name(), "error", "" + e));
      }
    }
  }

  @Override
  public void close() {
    supervisor.shutdownNow();
    for (Supervised stream : streams.values()) {
      stream.stop();
    }
    if (catalog != null) {
      catalog.close();
    }
  }

  /** One source's stream, restarted after a failure. */
  private final class Supervised {
    private final PostgresCdcSourceConfig source;
    private CdcSource opened;
    private CdcStream stream;
    private Duration backoff = FIRST_BACKOFF;
    private long restartAtMillis;
    private int restarts;

    Supervised(PostgresCdcSourceConfig source) {
      this.source = source;
    }

    synchronized boolean running() {
      return stream != null && stream.running();
    }

    synchronized long eventsRead() {
      return stream == null ? 0 : stream.eventsRead();
    }

    synchronized long lagBytes() {
      return stream == null ? 0 : stream.lagBytes();
    }

    synchronized void tryStart() {
      try {
        CommitObserver observer =
            (committed, sourceMillis) ->
                listeners.forEach(
                    listener -> listener.committed(source.name(), committed, sourceMillis));
        opened = CdcSource.open(catalog, source, clock, observer);
        stream = opened.replicator().stream();
        stream.start();
        log.event("cdc_stream_started", Map.of("source", source.name()));
      } catch (RuntimeException e) {
        failed(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }

    synchronized void check() {
      if (stream == null) {
        if (clock.millis() >= restartAtMillis) {
          restarts++;
          tryStart();
        }
        return;
      }
      if (stream.running()) {
        backoff = FIRST_BACKOFF;
        return;
      }
      String why = "the stream stopped";
      try {
        stream.throwIfFailed();
      } catch (RuntimeException e) {
        why = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      failed(why);
    }

    private void failed(String why) {
      stop();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("source", source.name());
      fields.put("error", why);
      fields.put("retry_in_s", backoff.toSeconds());
      log.event("cdc_stream_failed", fields);
      restartAtMillis = clock.millis() + backoff.toMillis();
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    synchronized void stop() {
      try {
        if (stream != null) {
          stream.close();
        }
      } catch (RuntimeException e) {
        log.event("cdc_stream_stop_error", Map.of("source", source.name(), "error", "" + e));
      } finally {
        stream = null;
        if (opened != null) {
          try {
            opened.close();
          } catch (RuntimeException e) {
            log.event("cdc_stream_stop_error", Map.of("source", source.name(), "error", "" + e));
          }
          opened = null;
        }
      }
    }
  }
}
