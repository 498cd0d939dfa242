package dev.lagoa.cdc;

import dev.lagoa.cdc.postgres.PostgresServer;
import dev.lagoa.cdc.postgres.SourceLoader;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.iceberg.LakeCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code postgres-cdc} source, opened: its database (started here when embedded, stopped on
 * close) and its replicator. What the CLI and a server use.
 */
public final class CdcSource implements AutoCloseable {
  private final PostgresServer server;
  private final CdcReplicator replicator;

  private CdcSource(PostgresServer server, CdcReplicator replicator) {
    this.server = server;
    this.replicator = replicator;
  }

  public static CdcSource open(LakeCatalog catalog, PostgresCdcSourceConfig config, Clock clock) {
    return open(catalog, config, clock, CommitObserver.NONE);
  }

  /** Opens the source with an observer that hears every micro-batch committed (for metrics). */
  public static CdcSource open(
      LakeCatalog catalog, PostgresCdcSourceConfig config, Clock clock, CommitObserver observer) {
    PostgresServer server = PostgresServer.open(config);
    return new CdcSource(
        server, new CdcReplicator(catalog, config, server.endpoint(), clock, observer));
  }

  public CdcReplicator replicator() {
    return replicator;
  }

  /**
   * Loads the source database: runs {@code script} (may be null), creating the source schema first,
   * then copies each CSV file into the table named like it. Returns rows copied per file.
   */
  public List<Long> load(Path script, List<Path> csvFiles) {
    return withConnection(
        connection -> {
          SourceLoader loader = new SourceLoader(connection);
          loader.execute(
              "CREATE SCHEMA IF NOT EXISTS \"" + replicator.source().schema() + "\"",
              "CREATE SCHEMA " + replicator.source().schema());
          if (script != null) {
            loader.runScript(script);
          }
          return csvFiles.stream()
              .map(csv -> loader.copyCsv(replicator.source().schema(), csv))
              .toList();
        });
  }

  /** Runs SQL statements on the source database in one transaction; returns the rows changed. */
  public int execute(String sql) {
    return withConnection(connection -> new SourceLoader(connection).execute(sql, "SQL " + sql));
  }

  private <T> T withConnection(Function<Connection, T> action) {
    try (Connection connection = server.endpoint().connect()) {
      return action.apply(connection);
    } catch (SQLException e) {
      throw LagoaException.external(
          e,
          "Cannot use the database of source %s: %s",
          replicator.source().name(),
          e.getMessage());
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
