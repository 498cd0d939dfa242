package dev.lagoa.runtime.runs;

import dev.lagoa.core.LagoaException;
import dev.lagoa.runtime.CatalogDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every run of a project, in two tables of the catalog database beside Iceberg's own: {@code
 * lagoa_runs} (one row per run) and {@code lagoa_run_steps} (one row per scrape, load or model
 * build). Several processes sharing a PostgreSQL catalog write to the same tables; rows carry the
 * project's name, so projects sharing a catalog keep apart. Times are epoch milliseconds (SQLite
 * has no timestamp type); {@code lagoa sql} shows them as timestamps in {@code lagoa.runs}.
 */
public final class RunLedger {
  public static final String RUNS_TABLE = "lagoa_runs";
  public static final String STEPS_TABLE = "lagoa_run_steps";

  private static final String RUN_COLUMNS =
      "run_id, project, job, trigger_kind, selection, status, scheduled_for, started_at, ended_at,"
          + " attempts, error, worker";

  private final CatalogDatabase database;
  private final String project;

  private RunLedger(CatalogDatabase database, String project) {
    this.database = database;
    this.project = project;
  }

  /** Opens the ledger of {@code project}, creating its tables when they do not exist yet. */
  public static RunLedger open(CatalogDatabase database, String project) {
    RunLedger ledger = new RunLedger(database, project);
    ledger.createTables();
    return ledger;
  }

  /** The ledger if some process created it already; never creates tables (for readers). */
  public static Optional<RunLedger> find(CatalogDatabase database, String project) {
    try (Connection connection = database.connect();
        ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
      while (tables.next()) {
        if (tables.getString("TABLE_NAME").equalsIgnoreCase(RUNS_TABLE)) {
          return Optional.of(new RunLedger(database, project));
        }
      }
      return Optional.empty();
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot look for the run ledger in %s: %s", database.uri(), e.getMessage());
    }
  }

  private void createTables() {
    String text = "TEXT";
    List<String> statements =
        List.of(
            "CREATE TABLE IF NOT EXISTS "
                + RUNS_TABLE
                + " (run_id VARCHAR(80) PRIMARY KEY, project VARCHAR(200) NOT NULL,"
                + " job VARCHAR(200) NOT NULL, trigger_kind VARCHAR(20) NOT NULL, selection "
                + text
                + " NOT NULL, status VARCHAR(20) NOT NULL, scheduled_for BIGINT NOT NULL,"
                + " started_at BIGINT NOT NULL, ended_at BIGINT, attempts INTEGER NOT NULL,"
                + " error "
                + text
                + ", worker VARCHAR(200) NOT NULL)",
            "CREATE TABLE IF NOT EXISTS "
                + STEPS_TABLE
                + " (run_id VARCHAR(80) NOT NULL, step INTEGER NOT NULL, kind VARCHAR(20) NOT NULL,"
                + " name VARCHAR(200) NOT NULL, status VARCHAR(20) NOT NULL, rows_in BIGINT NOT"
                + " NULL, rows_out BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL, started_at"
                + " BIGINT NOT NULL, ended_at BIGINT NOT NULL, message "
                + text
                + " NOT NULL, PRIMARY KEY (run_id, step))");
    for (String sql : statements) {
      try (Connection connection = database.connect();
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        // Two processes starting at once on PostgreSQL may race to create the table: the loser's
        // error is harmless when the table is there now.
        if (find(database, project).isEmpty()) {
          throw failure(e, "create the run ledger tables");
        }
      }
    }
  }

  /** Records a run that starts now. */
  public void started(RunRecord run) {
    update(
        "INSERT INTO " + RUNS_TABLE + " (" + RUN_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        statement -> {
          statement.setString(1, run.id());
          statement.setString(2, run.project());
          statement.setString(3, run.job());
          statement.setString(4, run.trigger().label());
          statement.setString(5, run.selection());
          statement.setString(6, run.status().label());
          statement.setLong(7, run.scheduledFor().toEpochMilli());
          statement.setLong(8, run.startedAt().toEpochMilli());
          setInstant(statement, 9, run.endedAt());
          statement.setInt(10, run.attempts());
          statement.setString(11, run.error().orElse(null));
          statement.setString(12, run.worker());
        });
  }

  /** Records that a queued run started. */
  public void running(String runId, Instant startedAt) {
    update(
        "UPDATE " + RUNS_TABLE + " SET status = ?, started_at = ? WHERE run_id = ?",
        statement -> {
          statement.setString(1, RunStatus.RUNNING.label());
          statement.setLong(2, startedAt.toEpochMilli());
          statement.setString(3, runId);
        });
  }

  /** Records a failed attempt that will be retried. */
  public void attemptFailed(String runId, int attempts, String error) {
    update(
        "UPDATE " + RUNS_TABLE + " SET attempts = ?, error = ? WHERE run_id = ?",
        statement -> {
          statement.setInt(1, attempts);
          statement.setString(2, error);
          statement.setString(3, runId);
        });
  }

  /** Records how a run ended, with its steps. */
  public void finished(RunRecord run) {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement =
          connection.prepareStatement(
              "UPDATE "
                  + RUNS_TABLE
                  + " SET status = ?, ended_at = ?, attempts = ?, error = ? WHERE run_id = ?")) {
        statement.setString(1, run.status().label());
        setInstant(statement, 2, run.endedAt());
        statement.setInt(3, run.attempts());
        statement.setString(4, run.error().orElse(null));
        statement.setString(5, run.id());
        statement.executeUpdate();
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "INSERT INTO "
                  + STEPS_TABLE
                  + " (run_id, step, kind, name, status, rows_in, rows_out, rows_quarantined,"
                  + " started_at, ended_at, message) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        int index = 0;
        for (StepRecord step : run.steps()) {
          statement.setString(1, run.id());
          statement.setInt(2, ++index);
          statement.setString(3, step.kind());
          statement.setString(4, step.name());
          statement.setString(5, step.status());
          statement.setLong(6, step.rowsIn());
          statement.setLong(7, step.rowsOut());
          statement.setLong(8, step.rowsQuarantined());
          statement.setLong(9, step.startedAt().toEpochMilli());
          statement.setLong(10, step.endedAt().toEpochMilli());
          statement.setString(11, step.message());
          statement.addBatch();
        }
        statement.executeBatch();
      }
      connection.commit();
    } catch (SQLException e) {
      throw failure(e, "record the end of run " + run.id());
    }
  }

  /**
   * Marks as interrupted the runs this machine's processes left queued or running and that are no
   * longer alive (killed, or the machine restarted): their commits are whole or absent, and the
   * catch-up run redoes what is missing.
   */
  public int markDeadRunsInterrupted(String host, Instant now) {
    int marked = 0;
    for (RunRecord run : list(Optional.empty(), false, 10_000)) {
      if (run.status().finished() || !run.worker().startsWith(host + ":")) {
        continue;
      }
      long pid = Long.parseLong(run.worker().substring(host.length() + 1));
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        continue;
      }
      update(
          "UPDATE " + RUNS_TABLE + " SET status = ?, ended_at = ?, error = ? WHERE run_id = ?",
          statement -> {
            statement.setString(1, RunStatus.INTERRUPTED.label());
            statement.setLong(2, now.toEpochMilli());
            statement.setString(3, "the process running it (" + run.worker() + ") ended");
            statement.setString(4, run.id());
          });
      marked++;
    }
    return marked;
  }

  public Optional<RunRecord> find(String runId) {
    List<RunRecord> found =
        select(
            " WHERE project = ? AND run_id = ?",
            statement -> {
              statement.setString(1, project);
              statement.setString(2, runId);
            },
            1);
    return found.stream().findFirst();
  }

  /** Runs newest first, optionally only failed ones and only those started at or after since. */
  public List<RunRecord> list(Optional<Instant> since, boolean failedOnly, int limit) {
    return select(
        " WHERE project = ? AND started_at >= ?"
            + (failedOnly ? " AND status IN ('failed', 'interrupted')" : "")
            + " ORDER BY started_at DESC, run_id DESC",
        statement -> {
          statement.setString(1, project);
          statement.setLong(2, since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
        },
        limit);
  }

  private List<RunRecord> select(String where, Binder binder, int limit) {
    Map<String, RunRecord> runs = new LinkedHashMap<>();
    try (Connection connection = database.connect()) {
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT " + RUN_COLUMNS + " FROM " + RUNS_TABLE + where)) {
        binder.bind(statement);
        statement.setMaxRows(limit);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            long ended = rows.getLong("ended_at");
            boolean running = rows.wasNull();
            runs.put(
                rows.getString("run_id"),
                new RunRecord(
                    rows.getString("run_id"),
                    rows.getString("project"),
                    rows.getString("job"),
                    TriggerKind.fromLabel(rows.getString("trigger_kind")),
                    rows.getString("selection"),
                    RunStatus.fromLabel(rows.getString("status")),
                    Instant.ofEpochMilli(rows.getLong("scheduled_for")),
                    Instant.ofEpochMilli(rows.getLong("started_at")),
                    running ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended)),
                    rows.getInt("attempts"),
                    Optional.ofNullable(rows.getString("error")),
                    rows.getString("worker"),
                    List.of()));
          }
        }
      }
      if (runs.isEmpty()) {
        return List.of();
      }
      Map<String, List<StepRecord>> steps = new LinkedHashMap<>();
      String placeholders = String.join(",", java.util.Collections.nCopies(runs.size(), "?"));
      try (PreparedStatement statement =
          connection.prepareStatement(
              "SELECT run_id, kind, name, status, rows_in, rows_out, rows_quarantined, started_at,"
                  + " ended_at, message FROM "
                  + STEPS_TABLE
                  + " WHERE run_id IN ("
                  + placeholders
                  + ") ORDER BY run_id, step")) {
        int index = 0;
        for (String id : runs.keySet()) {
          statement.setString(++index, id);
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            steps
                .computeIfAbsent(rows.getString("run_id"), id -> new ArrayList<>())
                .add(
                    new StepRecord(
                        rows.getString("kind"),
                        rows.getString("name"),
                        rows.getString("status"),
                        rows.getLong("rows_in"),
                        rows.getLong("rows_out"),
                        rows.getLong("rows_quarantined"),
                        Instant.ofEpochMilli(rows.getLong("started_at")),
                        Instant.ofEpochMilli(rows.getLong("ended_at")),
                        rows.getString("message")));
          }
        }
      }
      List<RunRecord> result = new ArrayList<>();
      for (RunRecord run : runs.values()) {
        result.add(
            new RunRecord(
                run.id(),
                run.project(),
                run.job(),
                run.trigger(),
                run.selection(),
                run.status(),
                run.scheduledFor(),
                run.startedAt(),
                run.endedAt(),
                run.attempts(),
                run.error(),
                run.worker(),
                steps.getOrDefault(run.id(), List.of())));
      }
      return result;
    } catch (SQLException e) {
      throw failure(e, "read the run ledger");
    }
  }

  private void update(String sql, Binder binder) {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw failure(e, "write the run ledger");
    }
  }

  private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
      throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.get().toEpochMilli());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }

  private LagoaException failure(SQLException e, String action) {
    return LagoaException.external(
        e, "Cannot %s in %s: %s", action, database.uri(), e.getMessage());
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }
}
