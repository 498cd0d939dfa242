package dev.lagoa.cdc;

import dev.lagoa.cdc.capture.BatchingConsumer;
import dev.lagoa.cdc.capture.CaptureSession;
import dev.lagoa.cdc.postgres.SourceCatalog;
import dev.lagoa.core.LagoaException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A source captured continuously until stopped, for a long-running server. Its getters are cheap
 * and thread-safe, so a metrics registry can poll them (changes per second, lag).
 */
public final class CdcStream implements AutoCloseable {
  private final CdcReplicator replicator;
  private Connection connection;
  private CaptureSession session;
  private BatchingConsumer consumer;
  private long startedMillis;

  CdcStream(CdcReplicator replicator) {
    this.replicator = replicator;
  }

  public synchronized void start() {
    if (session != null) {
      return;
    }
    connection = replicator.endpoint().connect();
    BatchingConsumer[] out = new BatchingConsumer[1];
    session = replicator.startSession(connection, out);
    consumer = out[0];
    startedMillis = System.currentTimeMillis();
  }

  public synchronized void stop() {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } finally {
      session = null;
      try {
        connection.close();
      } catch (SQLException e) {
        throw LagoaException.external(
            e, "Cannot close the connection of %s", replicator.source().name());
      }
    }
  }

  public synchronized boolean running() {
    return session != null && !session.finished();
  }

  /** Throws the capture's failure, if it stopped with one. */
  public synchronized void throwIfFailed() {
    if (session != null) {
      session.throwIfFailed();
    }
  }

  /** Source events read since start (snapshot rows, changes, markers). */
  public long eventsRead() {
    BatchingConsumer c = consumer;
    return c == null ? 0 : c.recordsSeen();
  }

  /** Events read per second since start. */
  public double eventsPerSecond() {
    long elapsed = System.currentTimeMillis() - startedMillis;
    return elapsed <= 0 ? 0 : eventsRead() * 1000.0 / elapsed;
  }

  /** WAL bytes between the server's position and the slot's confirmed (= committed) position. */
  public synchronized long lagBytes() {
    if (connection == null) {
      return 0;
    }
    return SourceCatalog.slot(connection, replicator.source().slot())
        .map(SourceCatalog.SlotState::lagBytes)
        .orElse(0L);
  }

  @Override
  public void close() {
    stop();
  }
}
