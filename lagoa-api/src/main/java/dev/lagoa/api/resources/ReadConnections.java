package dev.lagoa.api.resources;

import dev.lagoa.api.ApiError;
import dev.lagoa.duckdb.DuckEngine;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of connections to one in-memory DuckDB database that the API's read handlers borrow:
 * DuckDB connections are not thread-safe, and opening one per request would cost more than the
 * query. Resource reads are SQL built by Lagoa from a declaration (no user SQL runs here).
 */
public final class ReadConnections implements AutoCloseable {
  private final DuckEngine engine;
  private final List<DuckEngine> all = new ArrayList<>();
  private final BlockingQueue<DuckEngine> idle;

  public ReadConnections(int size) {
    this.engine = DuckEngine.open();
    this.idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      DuckEngine connection = engine.duplicate();
      all.add(connection);
      idle.add(connection);
    }
  }

  /** Runs {@code work} with a connection of its own. */
  public <T> T with(Work<T> work) throws Exception {
    DuckEngine connection = idle.poll(30, TimeUnit.SECONDS);
    if (connection == null) {
      throw new ApiError(503, "busy", "", "All read connections are busy: try again");
    }
    try {
      return work.run(connection.connection());
    } finally {
      idle.add(connection);
    }
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws Exception;
  }

  @Override
  public void close() {
    all.forEach(DuckEngine::close);
    engine.close();
  }
}
