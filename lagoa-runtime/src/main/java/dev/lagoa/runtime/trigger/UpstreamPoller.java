package dev.lagoa.runtime.trigger;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.TriggerConfig;
import dev.lagoa.iceberg.LakeCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the current snapshot of every catalog table each poll interval: a new snapshot of a table
 * an upstream trigger's models read — committed by this process, another {@code lagoa run}, Spark
 * or anything else writing the catalog — fires the trigger. The states double as the freshness the
 * server reports.
 */
public final class UpstreamPoller implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamPoller.class);

  private final CatalogConfig catalogConfig;
  private final Map<TriggerConfig, Set<String>> inputs;
  private final Duration interval;
  private final Consumer<TriggerConfig> fire;
  private final Map<String, TableState> tables = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public UpstreamPoller(
      CatalogConfig catalogConfig,
      Map<TriggerConfig, Set<String>> inputs,
      Duration interval,
      Consumer<TriggerConfig> fire) {
    this.catalogConfig = catalogConfig;
    this.inputs = Map.copyOf(inputs);
    this.interval = interval;
    this.fire = fire;
    this.thread = new Thread(this::pollUntilClosed, "lagoa-upstream-poller");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Every table's current snapshot as of the last poll. */
  public Map<String, TableState> tables() {
    return Map.copyOf(tables);
  }

  private void pollUntilClosed() {
    try (LakeCatalog catalog = LakeCatalog.open(catalogConfig)) {
      boolean first = true;
      while (running) {
        try {
          Map<String, TableState> before = new HashMap<>(tables);
          poll(catalog);
          if (!first) {
            for (Map.Entry<TriggerConfig, Set<String>> trigger : inputs.entrySet()) {
              for (String table : trigger.getValue()) {
                TableState now = tables.get(table);
                TableState was = before.get(table);
                if (now != null && (was == null || was.snapshotId() != now.snapshotId())) {
                  fire.accept(trigger.getKey());
                  break;
                }
              }
            }
          }
          first = false;
        } catch (RuntimeException e) {
          LOG.warn("Cannot read table snapshots: {}", e.getMessage(), e);
        }
        Thread.sleep(interval.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("The upstream poller stopped: {}", e.getMessage(), e);
    }
  }

  private void poll(LakeCatalog catalog) {
    for (TableIdentifier id : catalog.tables()) {
      String name = id.toString();
      Table table = catalog.load(name);
      Snapshot current = table.currentSnapshot();
      if (current != null) {
        tables.put(
            name,
            new TableState(
                name, current.snapshotId(), Instant.ofEpochMilli(current.timestampMillis())));
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
