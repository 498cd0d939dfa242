package dev.lagoa.cdc;

import dev.lagoa.cdc.apply.CdcCommits;
import dev.lagoa.cdc.apply.CdcCommitter;
import dev.lagoa.cdc.capture.BatchingConsumer;
import dev.lagoa.cdc.capture.CaptureSession;
import dev.lagoa.cdc.capture.DebeziumSettings;
import dev.lagoa.cdc.postgres.PostgresEndpoint;
import dev.lagoa.cdc.postgres.SourceCatalog;
import dev.lagoa.cdc.postgres.SourceCatalog.SlotState;
import dev.lagoa.cdc.postgres.SourceTable;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.iceberg.LakeCatalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Change data capture of one {@code postgres-cdc} source into its lake tables: a bounded catch-up
 * (what {@code lagoa run} does), a long-running {@link CdcStream} (what a server keeps running),
 * its status, and a re-snapshot request.
 */
public final class CdcReplicator {
  private final LakeCatalog catalog;
  private final PostgresCdcSourceConfig source;
  private final PostgresEndpoint endpoint;
  private final Clock clock;
  private final CommitObserver observer;

  public CdcReplicator(
      LakeCatalog catalog,
      PostgresCdcSourceConfig source,
      PostgresEndpoint endpoint,
      Clock clock,
      CommitObserver observer) {
    this.catalog = catalog;
    this.source = source;
    this.endpoint = endpoint;
    this.clock = clock;
    this.observer = observer;
  }

  public CdcReplicator(
      LakeCatalog catalog, PostgresCdcSourceConfig source, PostgresEndpoint endpoint, Clock clock) {
    this(catalog, source, endpoint, clock, CommitObserver.NONE);
  }

  public PostgresCdcSourceConfig source() {
    return source;
  }

  /**
   * Brings the lake up to the server's position at the time of the call, then stops: snapshots the
   * tables if the lake has none of them yet, streams until a marker written to the WAL now comes
   * through, commits, and returns.
   */
  public CatchUpReport catchUp(Duration timeout) {
    Instant started = clock.instant();
    try (Connection connection = endpoint.connect()) {
      Prepared prepared = prepare(connection);
      String marker = UUID.randomUUID().toString();
      BatchingConsumer consumer =
          new BatchingConsumer(prepared.committer(), source.batch(), clock::millis);
      try (CaptureSession session =
          new CaptureSession(source.name(), prepared.settings(), consumer, flushCheck())) {
        long deadline = clock.millis() + timeout.toMillis();
        long lastEmitted = 0;
        while (!consumer.committedMarker(marker)) {
          session.throwIfFailed();
          if (clock.millis() > deadline) {
            throw LagoaException.external(
                null,
                "Cannot catch up source %s: the lake did not reach the server's position within %s",
                source.name(),
                timeout);
          }
          if (clock.millis() - lastEmitted > 10_000 && readyForMarker(connection, consumer)) {
            emitMarker(connection, marker);
            lastEmitted = clock.millis();
          }
          pause(20);
        }
      }
      CdcCommitter committer = prepared.committer();
      return new CatchUpReport(
          source.name(),
          committer.lakeTables(),
          committer.snapshotRows() > 0 || prepared.snapshot(),
          committer.snapshotRows(),
          committer.changesCommitted(),
          Lsn.format(committer.committedLsn()),
          Duration.between(started, clock.instant()));
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot catch up source %s: %s", source.name(), e.getMessage());
    }
  }

  /** A stream that, once started, keeps the lake tables following the source. */
  public CdcStream stream() {
    return new CdcStream(this);
  }

  /** Starts capturing; used by {@link CdcStream}. */
  CaptureSession startSession(Connection connection, BatchingConsumer[] consumerOut) {
    Prepared prepared = prepare(connection);
    BatchingConsumer consumer =
        new BatchingConsumer(prepared.committer(), source.batch(), clock::millis);
    consumerOut[0] = consumer;
    return new CaptureSession(source.name(), prepared.settings(), consumer, flushCheck());
  }

  PostgresEndpoint endpoint() {
    return endpoint;
  }

  private int flushCheck() {
    return Math.max(5, Math.min(100, source.batch().intervalMillis() / 4));
  }

  private record Prepared(
      CdcCommitter committer, java.util.Properties settings, boolean snapshot) {}

  private Prepared prepare(Connection connection) {
    List<SourceTable> tables = SourceCatalog.capturedTables(connection, source);
    CdcCommitter committer = new CdcCommitter(catalog, source, tables, observer);
    Optional<CdcSummary> resume = committer.resumePoint();
    Optional<SlotState> slot = SourceCatalog.slot(connection, source.slot());
    if (resume.isPresent() && slot.isEmpty()) {
      throw LagoaException.external(
          null,
          "Cannot resume capturing source %s: replication slot %s no longer exists on %s, so the"
              + " changes made after LSN %s (what the lake holds) are gone. Run `lagoa cdc"
              + " resnapshot %s` and then `lagoa run` to copy the tables again",
          source.name(),
          source.slot(),
          endpoint.jdbcUrl(),
          Lsn.format(resume.get().lsn()),
          source.name());
    }
    return new Prepared(
        committer,
        DebeziumSettings.of(source, endpoint, tables, resume.map(CdcSummary::offset).orElse("")),
        resume.isEmpty());
  }

  private boolean readyForMarker(Connection connection, BatchingConsumer consumer) {
    if (consumer.snapshotting()) {
      return false;
    }
    return SourceCatalog.slot(connection, source.slot()).map(SlotState::active).orElse(false);
  }

  private static void emitMarker(Connection connection, String marker) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT pg_logical_emit_message(true, ?, ?)")) {
      statement.setString(1, BatchingConsumer.CATCH_UP_PREFIX);
      statement.setString(2, marker);
      statement.execute();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LagoaException.external(e, "Cannot catch up: interrupted");
    }
  }

  /** The source's slot, the lake's position and the lag between them. */
  public CdcStatus status() {
    try (Connection connection = endpoint.connect()) {
      List<SourceTable> tables = SourceCatalog.capturedTables(connection, source);
      CdcCommitter committer = new CdcCommitter(catalog, source, tables, CommitObserver.NONE);
      Optional<CdcSummary> lake = committer.resumePoint();
      Optional<SlotState> slot = SourceCatalog.slot(connection, source.slot());
      String serverLsn = SourceCatalog.currentLsn(connection);
      long lagBytes =
          lake.map(l -> Math.max(0, Lsn.parse(serverLsn) - l.lsn())).orElse(Lsn.parse(serverLsn));
      Optional<Instant> lastCommit = lastCommit(committer.lakeTables());
      double lagSeconds =
          lake.isEmpty() || lagBytes == 0 || lake.get().sourceMillis() == 0
              ? 0
              : Math.max(0, clock.millis() - lake.get().sourceMillis()) / 1000.0;
      return new CdcStatus(
          source.name(),
          source.slot(),
          slot.isPresent(),
          slot.map(SlotState::active).orElse(false),
          slot.map(SlotState::confirmedLsn).orElse(""),
          serverLsn,
          lake.map(l -> Lsn.format(l.lsn())).orElse("none (not snapshotted yet)"),
          lagBytes,
          lagSeconds,
          lastCommit,
          committer.lakeTables());
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot read the status of %s: %s", source.name(), e.getMessage());
    }
  }

  private Optional<Instant> lastCommit(List<String> tables) {
    long latest = 0;
    for (String name : tables) {
      Optional<Table> table = catalog.find(name);
      if (table.isPresent()) {
        Snapshot snapshot = table.get().currentSnapshot();
        if (snapshot != null && CdcSummary.of(snapshot).isPresent()) {
          latest = Math.max(latest, snapshot.timestampMillis());
        }
      }
    }
    return latest == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latest));
  }

  /**
   * Asks the next run to copy every table again (after a dropped slot, or to start over): each lake
   * table gets a commit whose offset is empty, and the next catch-up snapshots the source and
   * replaces the tables' rows.
   */
  public List<String> requestResnapshot() {
    List<String> marked = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    try (Connection connection = endpoint.connect()) {
      for (SourceTable table : SourceCatalog.capturedTables(connection, source)) {
        names.add(source.namespace() + "." + table.name());
      }
    } catch (SQLException e) {
      throw LagoaException.external(e, "Cannot read source %s: %s", source.name(), e.getMessage());
    }
    source.changeLog().ifPresent(names::add);
    for (String name : names) {
      catalog
          .find(name)
          .ifPresent(
              table -> {
                CdcCommits.replaceFiles(
                    table,
                    table.currentSnapshot(),
                    List.of(),
                    List.of(),
                    new CdcSummary(source.name(), 0, CdcSummary.RESNAPSHOT, 0, 0, 0).toMap());
                marked.add(name);
              });
    }
    return marked;
  }
}
