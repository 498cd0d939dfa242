package dev.lagoa.ml.dataset;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.MlFeature;
import dev.lagoa.core.config.MlMissing;
import dev.lagoa.core.config.MlModelConfig;
import dev.lagoa.core.config.MlTask;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.runtime.AsOf;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Reads a model's training rows from one snapshot of its table, through Lagoa's engine (DuckDB over
 * the snapshot's Parquet files as Iceberg plans them), and exports the same rows.
 *
 * <p>Determinism: rows are read sorted by every selected column, and a row is held out for
 * evaluation when a hash of the seed and the row's values falls under the test fraction. The same
 * snapshot and seed therefore always give the same rows in the same order and the same split,
 * whatever order the table's files are scanned in; the export carries the split in a {@code _split}
 * column computed by the same expression.
 */
public final class TrainingTable {
  /** The export's column saying whether a row was used to train ({@code train}) or to evaluate. */
  public static final String SPLIT_COLUMN = "_split";

  private static final long HASH_BUCKETS = 1_000_000L;

  private final LakeCatalog catalog;
  private final MlModelConfig model;

  public TrainingTable(LakeCatalog catalog, MlModelConfig model) {
    this.catalog = catalog;
    this.model = model;
  }

  /** The snapshot to train on: the table's current one, or the one {@code asOf} names. */
  public TrainingSnapshot snapshot(AsOf asOf) {
    Table table = catalog.load(model.table());
    Snapshot snapshot;
    if (asOf == null) {
      snapshot = table.currentSnapshot();
    } else if (asOf.snapshotId() != null) {
      snapshot = table.snapshot(asOf.snapshotId());
      if (snapshot == null) {
        throw LagoaException.userInput(
            "Cannot train %s as of snapshot %d: table %s has no such snapshot (see lagoa history %s)",
            model.name(), asOf.snapshotId(), model.table(), model.table());
      }
    } else {
      try {
        snapshot =
            table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, asOf.time().toEpochMilli()));
      } catch (IllegalArgumentException e) {
        snapshot = null;
      }
    }
    if (snapshot == null) {
      throw LagoaException.userInput(
          "Cannot train %s: table %s has no rows %s (build it first, e.g. lagoa run)",
          model.name(), model.table(), asOf == null ? "yet" : "at that time");
    }
    return new TrainingSnapshot(
        model.table(),
        snapshot.snapshotId(),
        Instant.ofEpochMilli(snapshot.timestampMillis()).toString());
  }

  /** Reads the rows of {@code snapshot}, split by the model's seed and test fraction. */
  public TrainingRows read(DuckEngine engine, TrainingSnapshot snapshot) {
    String sql = selectSql(snapshot, false);
    List<Object[]> features = new ArrayList<>();
    List<Object> targets = new ArrayList<>();
    List<Boolean> heldOut = new ArrayList<>();
    int n = model.features().size();
    engine.query(
        sql,
        result -> {
          try {
            while (result.next()) {
              Object[] row = new Object[n];
              for (int i = 0; i < n; i++) {
                row[i] = value(result, i + 1, model.features().get(i));
              }
              features.add(row);
              targets.add(
                  model.task() == MlTask.REGRESSION
                      ? (Object) result.getDouble(n + 1)
                      : result.getString(n + 1));
              heldOut.add(result.getBoolean(n + 2));
            }
          } catch (SQLException e) {
            throw LagoaException.userInput(
                "Cannot read training rows of %s: %s", model.table(), e.getMessage());
          }
        });
    long rowsRead =
        engine.queryLong("SELECT count(*) FROM (" + relation(snapshot) + ") AS training_table");
    boolean[] split = new boolean[heldOut.size()];
    for (int i = 0; i < split.length; i++) {
      split[i] = heldOut.get(i);
    }
    return new TrainingRows(
        snapshot, features, targets, split, rowsRead, rowsRead - targets.size());
  }

  /**
   * Writes the rows of {@code snapshot} that training used (features, target and {@code _split}),
   * in training order, to {@code file}.
   */
  public void export(DuckEngine engine, TrainingSnapshot snapshot, ExportFormat format, Path file) {
    engine.execute(
        "COPY ("
            + selectSql(snapshot, true)
            + ") TO "
            + literal(file.toString())
            + " (FORMAT "
            + format.extension()
            + (format == ExportFormat.CSV ? ", HEADER true" : "")
            + ")");
  }

  private static Object value(ResultSet result, int column, MlFeature feature) throws SQLException {
    Object value =
        switch (feature.type()) {
          case NUMERIC -> result.getDouble(column);
          case BOOLEAN -> result.getBoolean(column);
          case CATEGORICAL -> result.getString(column);
        };
    return result.wasNull() ? null : value;
  }

  private String selectSql(TrainingSnapshot snapshot, boolean splitAsText) {
    requireColumns(snapshot);
    StringJoiner columns = new StringJoiner(", ");
    StringJoiner present = new StringJoiner(" AND ");
    StringJoiner hashed = new StringJoiner(", ", "hash(" + model.seed() + ", ", ")");
    for (MlFeature feature : model.features()) {
      String column = quote(feature.name());
      String type =
          switch (feature.type()) {
            case NUMERIC -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case CATEGORICAL -> "VARCHAR";
          };
      columns.add("CAST(" + column + " AS " + type + ") AS " + column);
      hashed.add(column);
      if (feature.missing() == MlMissing.DROP) {
        present.add(column + " IS NOT NULL");
      }
    }
    String target = quote(model.target());
    columns.add(
        "CAST("
            + target
            + " AS "
            + (model.task() == MlTask.REGRESSION ? "DOUBLE" : "VARCHAR")
            + ") AS "
            + target);
    hashed.add(target);
    present.add(target + " IS NOT NULL");
    long threshold = Math.round(model.testFraction() * HASH_BUCKETS);
    String heldOut = "(" + hashed + " % " + HASH_BUCKETS + ") < " + threshold;
    String split = splitAsText ? "CASE WHEN " + heldOut + " THEN 'test' ELSE 'train' END" : heldOut;
    return "SELECT *, "
        + split
        + " AS "
        + quote(SPLIT_COLUMN)
        + " FROM (SELECT "
        + columns
        + " FROM ("
        + relation(snapshot)
        + ") AS training_table) AS typed WHERE "
        + present
        + " ORDER BY ALL";
  }

  private String relation(TrainingSnapshot snapshot) {
    Table table = catalog.load(snapshot.table());
    return TableViews.relation(
        table, table.snapshot(snapshot.snapshotId()), Expressions.alwaysTrue());
  }

  private void requireColumns(TrainingSnapshot snapshot) {
    Table table = catalog.load(snapshot.table());
    Schema schema = TableViews.schemaAt(table, table.snapshot(snapshot.snapshotId()));
    List<String> missing = new ArrayList<>();
    for (MlFeature feature : model.features()) {
      if (schema.findField(feature.name()) == null) {
        missing.add(feature.name());
      }
    }
    if (schema.findField(model.target()) == null) {
      missing.add(model.target());
    }
    if (!missing.isEmpty()) {
      throw LagoaException.userInput(
          "Cannot train %s: table %s at snapshot %d has no column %s (its columns: %s)",
          model.name(),
          snapshot.table(),
          snapshot.snapshotId(),
          String.join(", ", missing),
          String.join(", ", schema.columns().stream().map(c -> c.name()).toList()));
    }
  }
}
