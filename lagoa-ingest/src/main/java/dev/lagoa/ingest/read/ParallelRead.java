package dev.lagoa.ingest.read;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads one file on several cores. The reader runs on the calling thread and only finds where
 * records end (a newline scan, a quote-aware scan, a JSON token scan); each record's expensive
 * checks ({@link RecordWork}) go, in batches through a bounded queue, to worker threads that run
 * them with their own handler ({@link Worker}: its own staging part, counts and quarantine). Each
 * record carries its sequence number, so results can be put back in the file's order; line numbers
 * are the reader's, exactly as in a read on one thread. Memory holds at most the queue's batches
 * plus one batch per worker.
 */
public final class ParallelRead implements RecordHandler, AutoCloseable {
  /** A worker's handler; {@link #at} says which record (in file order) the next calls are about. */
  public interface Worker extends RecordHandler {
    void at(long sequence);
  }

  private static final int BATCH_RECORDS = 1024;
  private static final int BATCH_BYTES = 1 << 20;

  private record Item(long sequence, RecordWork work) {}

  private static final List<Item> END = List.of();

  private final List<? extends Worker> workers;
  private final BlockingQueue<List<Item>> queue;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean cancelled;
  private List<Item> batch = new ArrayList<>();
  private int batchBytes;
  private long sequence;
  private boolean closed;
  private boolean failureThrown; // the reader has seen it: close must not throw it again

  /** Starts one thread per worker handler. */
  public ParallelRead(List<? extends Worker> workers, String name) {
    this.workers = List.copyOf(workers);
    this.queue = new ArrayBlockingQueue<>(2 * workers.size());
    for (int i = 0; i < workers.size(); i++) {
      Worker worker = workers.get(i);
      Thread thread = new Thread(() -> work(worker), name + "-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  private void work(Worker worker) {
    try {
      while (!cancelled) {
        List<Item> items = queue.poll(100, TimeUnit.MILLISECONDS);
        if (items == null) {
          continue;
        }
        if (items == END) {
          return;
        }
        if (failure.get() != null) {
          continue; // drained, so that the reader is never stuck on a full queue
        }
        try {
          for (Item item : items) {
            worker.at(item.sequence());
            item.work().run(worker);
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean defers() {
    return true;
  }

  @Override
  public void defer(int bytes, RecordWork work) {
    batch.add(new Item(sequence++, work));
    batchBytes += bytes;
    if (batch.size() >= BATCH_RECORDS || batchBytes >= BATCH_BYTES) {
      flush();
    }
  }

  @Override
  public void record(long line, ObjectNode record, ObjectNode displaced, byte[] original) {
    defer(0, worker -> worker.record(line, record, displaced, original));
  }

  @Override
  public void malformed(long line, String reason, byte[] raw) {
    defer(raw.length, worker -> worker.malformed(line, reason, raw));
  }

  @Override
  public void titleLines(String text) {
    // Before any record: the queue hands it on to the workers with the first batch.
    workers.forEach(worker -> worker.titleLines(text));
  }

  private void flush() {
    if (!batch.isEmpty()) {
      put(batch);
      batch = new ArrayList<>();
      batchBytes = 0;
    }
  }

  private void put(List<Item> items) {
    try {
      while (!queue.offer(items, 100, TimeUnit.MILLISECONDS)) {
        rethrowFailure();
      }
    } catch (InterruptedException e) {
      cancelled = true;
      Thread.currentThread().interrupt();
      throw LagoaException.internal(e, "Cannot read in parallel: interrupted");
    }
    rethrowFailure();
  }

  private void rethrowFailure() {
    Throwable failed = failure.get();
    if (failed != null) {
      failureThrown = true;
    }
    if (failed instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failed instanceof Error error) {
      throw error;
    }
  }

  /**
   * Hands on the last batch and waits until the workers have run everything; throws what a worker
   * failed with. After an interruption it stops the workers instead.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!cancelled && failure.get() == null && !Thread.currentThread().isInterrupted()) {
        flush();
        for (int i = 0; i < threads.size(); i++) {
          put(END);
        }
        for (Thread thread : threads) {
          thread.join();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (cancelled || failure.get() != null || Thread.currentThread().isInterrupted()) {
        cancelled = true;
        threads.forEach(Thread::interrupt);
      }
    }
    if (!failureThrown) {
      rethrowFailure();
    }
    if (cancelled && failure.get() == null) {
      throw LagoaException.internal(
          new InterruptedException(), "Cannot read in parallel: interrupted");
    }
  }
}
