package dev.lagoa.runtime.trigger;

import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.TriggerConfig;
import dev.lagoa.ingest.discovery.LandingFile;
import dev.lagoa.ingest.discovery.LandingScanner;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the landing directories of file-arrival triggers by listing them every poll interval
 * (network mounts send no inotify events), and wakes early on a watch event when the file system
 * sends one. Each poll hands every trigger the files new or changed since the previous poll, all at
 * once: a burst of files is one call. The first poll only records what is there: the service's
 * catch-up run loads those files.
 */
public final class LandingPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LandingPoller.class);

  private final Map<TriggerConfig, FilesSourceConfig> watched;
  private final Duration interval;
  private final Clock clock;
  private final BiConsumer<TriggerConfig, List<Arrival>> onArrivals;
  private final Map<TriggerConfig, Map<String, LandingFile>> seen = new HashMap<>();
  private final Semaphore wake = new Semaphore(0);
  private final Thread poller;
  private final Optional<Thread> watcher;
  private final Optional<WatchService> watchService;
  private volatile boolean running = true;

  public LandingPoller(
      Map<TriggerConfig, FilesSourceConfig> watched,
      Duration interval,
      Clock clock,
      BiConsumer<TriggerConfig, List<Arrival>> onArrivals) {
    this.watched = Map.copyOf(watched);
    this.interval = interval;
    this.clock = clock;
    this.onArrivals = onArrivals;
    watched.forEach((trigger, source) -> seen.put(trigger, index(source)));
    this.watchService = watchHints();
    this.poller = new Thread(this::pollUntilClosed, "lagoa-landing-poller");
    poller.setDaemon(true);
    this.watcher =
        watchService.map(
            service -> {
              Thread thread = new Thread(() -> relayWatchEvents(service), "lagoa-landing-watch");
              thread.setDaemon(true);
              return thread;
            });
  }

  public void start() {
    poller.start();
    watcher.ifPresent(Thread::start);
  }

  /** Lists every watched directory once and reports what is new; called by the poll thread. */
  void poll() {
    for (Map.Entry<TriggerConfig, FilesSourceConfig> entry : watched.entrySet()) {
      TriggerConfig trigger = entry.getKey();
      Map<String, LandingFile> now = index(entry.getValue());
      Map<String, LandingFile> before = seen.get(trigger);
      Instant seenAt = clock.instant();
      List<Arrival> arrivals = new ArrayList<>();
      for (LandingFile file : now.values()) {
        LandingFile previous = before.get(file.name());
        if (previous == null
            || previous.size() != file.size()
            || previous.modifiedMillis() != file.modifiedMillis()) {
          arrivals.add(
              new Arrival(
                  trigger.name(),
                  file.name(),
                  Instant.ofEpochMilli(file.modifiedMillis()),
                  seenAt));
        }
      }
      seen.put(trigger, now);
      if (!arrivals.isEmpty()) {
        onArrivals.accept(trigger, arrivals);
      }
    }
  }

  private void pollUntilClosed() {
    while (running) {
      try {
        if (wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) {
          wake.drainPermits();
        }
        if (running) {
          poll();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Cannot poll landing directories: {}", e.getMessage(), e);
      }
    }
  }

  private static Map<String, LandingFile> index(FilesSourceConfig source) {
    Map<String, LandingFile> files = new HashMap<>();
    if (Files.isDirectory(source.directory())) {
      for (LandingFile file : LandingScanner.scan(source.directory(), source.pattern())) {
        files.put(file.name(), file);
      }
    }
    return files;
  }

  /** Watch events are only a hint to poll now; directories made later are found by polling. */
  private Optional<WatchService> watchHints() {
    try {
      WatchService service = FileSystems.getDefault().newWatchService();
      for (FilesSourceConfig source : watched.values()) {
        if (!Files.isDirectory(source.directory())) {
          continue;
        }
        try (Stream<Path> directories = Files.walk(source.directory())) {
          for (Path directory : directories.filter(Files::isDirectory).toList()) {
            directory.register(
                service,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY);
          }
        }
      }
      return Optional.of(service);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info("No file system watch events; polling only: {}", e.getMessage());
      return Optional.empty();
    }
  }

  private void relayWatchEvents(WatchService service) {
    while (running) {
      try {
        var key = service.take();
        key.pollEvents();
        key.reset();
        wake.release();
      } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    watcher.ifPresent(Thread::interrupt);
    watchService.ifPresent(
        service -> {
          try {
            service.close();
          } catch (IOException e) {
            LOG.debug("Cannot close the watch service: {}", e.getMessage());
          }
        });
  }
}
