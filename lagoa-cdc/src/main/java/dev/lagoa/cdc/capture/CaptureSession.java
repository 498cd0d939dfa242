package dev.lagoa.cdc.capture;

import dev.lagoa.core.LagoaException;
import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One run of Debezium's embedded engine feeding a {@link BatchingConsumer}, on its own thread, with
 * a timer that commits waiting changes when no new ones arrive. Closing stops the engine (waiting
 * changes that were not committed are read again by the next run).
 */
public final class CaptureSession implements AutoCloseable {
  private final String source;
  private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
  private final BatchingConsumer consumer;
  private final ExecutorService runner;
  private final ScheduledExecutorService timer;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean finished;

  public CaptureSession(
      String source, Properties settings, BatchingConsumer consumer, int flushCheckMillis) {
    this.source = source;
    this.consumer = consumer;
    this.engine =
        DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
            .using(settings)
            .notifying(consumer)
            .using(
                (success, message, error) -> {
                  if (!success) {
                    failure.compareAndSet(
                        null, error != null ? error : new IllegalStateException(message));
                  }
                  finished = true;
                })
            .build();
    this.runner = Executors.newSingleThreadExecutor(r -> daemon(r, "lagoa-cdc-" + source));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lagoa-cdc-flush-" + source));
    runner.execute(engine);
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            consumer.flushIfDue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            finished = true;
          }
        },
        flushCheckMillis,
        flushCheckMillis,
        TimeUnit.MILLISECONDS);
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  public BatchingConsumer consumer() {
    return consumer;
  }

  /** Whether the engine stopped (on its own: a failure). */
  public boolean finished() {
    return finished;
  }

  /** Throws the engine's failure, if it failed, as a Lagoa error naming the source. */
  public void throwIfFailed() {
    Throwable error = failure.get();
    if (error == null) {
      if (finished) {
        throw LagoaException.external(
            null, "Cannot capture source %s: the capture engine stopped", source);
      }
      return;
    }
    if (error instanceof LagoaException lagoa) {
      throw lagoa;
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof LagoaException lagoa) {
        throw lagoa;
      }
      root = root.getCause();
    }
    if (root instanceof LagoaException lagoa) {
      throw lagoa;
    }
    throw LagoaException.external(error, "Cannot capture source %s: %s", source, root.getMessage());
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      engine.close();
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot stop capturing source %s: %s", source, e.getMessage());
    } finally {
      runner.shutdown();
      try {
        runner.awaitTermination(30, TimeUnit.SECONDS);
        timer.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
