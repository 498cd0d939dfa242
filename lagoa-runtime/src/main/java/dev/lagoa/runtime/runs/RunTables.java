package dev.lagoa.runtime.runs;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * The run ledger as tables {@code lagoa.runs} and {@code lagoa.run_steps} for {@code lagoa sql}: a
 * copy taken when the query starts (the ledger lives in the catalog database, which DuckDB cannot
 * read without an extension).
 */
public final class RunTables {
  private static final int MAX_RUNS = 100_000;

  private RunTables() {}

  public static void expose(RunLedger ledger, DuckEngine engine) {
    List<RunRecord> runs = ledger.list(Optional.empty(), false, MAX_RUNS);
    engine.createSchema("lagoa");
    engine.execute(
        "CREATE OR REPLACE TABLE lagoa.runs (run_id VARCHAR, job VARCHAR, trigger VARCHAR,"
            + " selection VARCHAR, status VARCHAR, scheduled_for TIMESTAMPTZ, started_at"
            + " TIMESTAMPTZ, ended_at TIMESTAMPTZ, duration_ms BIGINT, attempts INTEGER, rows_loaded"
            + " BIGINT, rows_quarantined BIGINT, error VARCHAR, worker VARCHAR)");
    engine.execute(
        "CREATE OR REPLACE TABLE lagoa.run_steps (run_id VARCHAR, step INTEGER, kind VARCHAR,"
            + " name VARCHAR, status VARCHAR, rows_in BIGINT, rows_out BIGINT, rows_quarantined"
            + " BIGINT, started_at TIMESTAMPTZ, ended_at TIMESTAMPTZ, message VARCHAR)");
    try (PreparedStatement run =
            engine
                .connection()
                .prepareStatement("INSERT INTO lagoa.runs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement step =
            engine
                .connection()
                .prepareStatement("INSERT INTO lagoa.run_steps VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
      for (RunRecord record : runs) {
        run.setString(1, record.id());
        run.setString(2, record.job());
        run.setString(3, record.trigger().label());
        run.setString(4, record.selection());
        run.setString(5, record.status().label());
        run.setTimestamp(6, Timestamp.from(record.scheduledFor()));
        run.setTimestamp(7, Timestamp.from(record.startedAt()));
        run.setTimestamp(8, record.endedAt().map(Timestamp::from).orElse(null));
        run.setObject(9, record.duration().map(d -> d.toMillis()).orElse(null));
        run.setInt(10, record.attempts());
        run.setLong(11, record.rowsLoaded());
        run.setLong(12, record.rowsQuarantined());
        run.setString(13, record.error().orElse(null));
        run.setString(14, record.worker());
        run.addBatch();
        int index = 0;
        for (StepRecord s : record.steps()) {
          step.setString(1, record.id());
          step.setInt(2, ++index);
          step.setString(3, s.kind());
          step.setString(4, s.name());
          step.setString(5, s.status());
          step.setLong(6, s.rowsIn());
          step.setLong(7, s.rowsOut());
          step.setLong(8, s.rowsQuarantined());
          step.setTimestamp(9, Timestamp.from(s.startedAt()));
          step.setTimestamp(10, Timestamp.from(s.endedAt()));
          step.setString(11, s.message());
          step.addBatch();
        }
      }
      run.executeBatch();
      step.executeBatch();
    } catch (SQLException e) {
      throw LagoaException.internal(e, "Cannot expose the run ledger as lagoa.runs: %s", e);
    }
  }
}
