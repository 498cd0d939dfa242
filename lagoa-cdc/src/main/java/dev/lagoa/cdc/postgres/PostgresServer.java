package dev.lagoa.cdc.postgres;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The database a CDC source reads: the external server its URL names, or an embedded PostgreSQL
 * that Lagoa starts itself (logical decoding on) with its data in the project, kept across runs so
 * the loaded tables and the replication slot survive. Closing stops an embedded server this process
 * started. When another process (a running {@code lagoa serve}) already runs the embedded server of
 * that data directory, this one connects to it instead — the port is in the server's own {@code
 * postmaster.pid} — and leaves it running on close.
 */
public final class PostgresServer implements AutoCloseable {
  private final PostgresEndpoint endpoint;
  private final EmbeddedPostgres embedded;

  private PostgresServer(PostgresEndpoint endpoint, EmbeddedPostgres embedded) {
    this.endpoint = endpoint;
    this.embedded = embedded;
  }

  public static PostgresServer open(PostgresCdcSourceConfig source) {
    if (!source.embedded()) {
      return new PostgresServer(
          PostgresEndpoint.parse(source.url(), source.user(), source.password()), null);
    }
    return startEmbedded(source.embeddedDataDirectory());
  }

  /** Starts (creating when new) an embedded server whose data lives in {@code dataDirectory}. */
  public static PostgresServer startEmbedded(Path dataDirectory) {
    Optional<Integer> running = runningPort(dataDirectory);
    if (running.isPresent()) {
      return new PostgresServer(
          new PostgresEndpoint("127.0.0.1", running.get(), "postgres", "postgres", ""), null);
    }
    try {
      Files.createDirectories(dataDirectory.getParent());
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setServerConfig("wal_level", "logical")
              .setServerConfig("max_replication_slots", "10")
              .setServerConfig("max_wal_senders", "10")
              .setServerConfig("listen_addresses", "127.0.0.1")
              .start();
      return new PostgresServer(
          new PostgresEndpoint("127.0.0.1", postgres.getPort(), "postgres", "postgres", ""),
          postgres);
    } catch (IOException | RuntimeException e) {
      throw LagoaException.external(
          e,
          "Cannot start the embedded PostgreSQL with data in %s: %s (is another lagoa using it?)",
          dataDirectory,
          e.getMessage());
    }
  }

  /**
   * The port of a server already running on {@code dataDirectory}, read from its {@code
   * postmaster.pid} (line 1: the process id, line 4: the port), when that process is alive.
   */
  static Optional<Integer> runningPort(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(process -> port);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      // A damaged or half-written pid file: let PostgreSQL itself decide whether it may start.
      return Optional.empty();
    }
  }

  public PostgresEndpoint endpoint() {
    return endpoint;
  }

  public boolean embedded() {
    return embedded != null;
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw LagoaException.external(e, "Cannot stop the embedded PostgreSQL: %s", e.getMessage());
      }
    }
  }
}
