package dev.lagoa.models.expect;

import static dev.lagoa.duckdb.DuckTypes.literal;

import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.QuarantineCommit;
import dev.lagoa.models.project.Model;
import java.time.Clock;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;

/**
 * The table of rows that {@code drop} expectations kept out of model tables, each with the model,
 * the expectation and the whole row as JSON, so nothing is lost silently and a fixed row can be
 * replayed.
 *
 * <p>It follows the one quarantine design ({@link QuarantineCommit}), like the loader's {@code
 * <table>_quarantine}: a build {@link #stage stages} its dropped rows as uncommitted files, its
 * table's commit lists them, and {@link #link} commits them naming that commit; a build that
 * crashed between the two commits is completed by {@link #recover} before the next build of the
 * model. A build that crashes before its table's commit is redone from the same snapshot and
 * quarantines its rows once. {@code batch_id} is the model and the snapshot of its table the build
 * started from.
 */
public final class Quarantine {
  public static final String TABLE = "quarantine.model_rows";

  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "batch_id", Types.StringType.get()),
          Types.NestedField.optional(2, "run_id", Types.StringType.get()),
          Types.NestedField.optional(3, "model", Types.StringType.get()),
          Types.NestedField.optional(4, "table_name", Types.StringType.get()),
          Types.NestedField.optional(5, "expectation", Types.StringType.get()),
          Types.NestedField.optional(6, "condition", Types.StringType.get()),
          Types.NestedField.optional(7, "row_json", Types.StringType.get()),
          Types.NestedField.optional(8, "quarantined_at", Types.TimestampType.withZone()));

  private final LakeCatalog catalog;
  private final TableWriter writer;
  private final Clock clock;

  public Quarantine(LakeCatalog catalog, TableWriter writer, Clock clock) {
    this.catalog = catalog;
    this.writer = writer;
    this.clock = clock;
  }

  private Table table() {
    return catalog
        .find(TABLE)
        .orElseGet(
            () ->
                catalog.create(
                    TABLE, SCHEMA, PartitionSpec.builderFor(SCHEMA).identity("batch_id").build()));
  }

  /**
   * Writes the rows of {@code quarantined} (see {@link ExpectationCheck.Outcome#quarantined()}) as
   * uncommitted files of the quarantine table, for the model's commit to list ({@link
   * dev.lagoa.iceberg.commit.LagoaSummary#withQuarantineFiles}).
   *
   * @return the files' locations
   */
  public List<String> stage(String batchId, String runId, Model model, String quarantined) {
    String rows =
        "SELECT "
            + literal(batchId)
            + " AS batch_id, "
            + literal(runId)
            + " AS run_id, "
            + literal(model.name())
            + " AS model, "
            + literal(model.config().table())
            + " AS table_name, expectation, condition, row_json, "
            + "CAST("
            + literal(clock.instant().toString())
            + " AS TIMESTAMPTZ) AS quarantined_at FROM ("
            + quarantined
            + ")";
    return writer.writeFiles(table(), rows).stream().map(DataFile::location).toList();
  }

  /**
   * Commits staged files once the model's commit {@code modelSnapshotId} that lists them landed.
   */
  public void link(List<String> files, long modelSnapshotId) {
    if (!files.isEmpty()) {
      QuarantineCommit.commit(table(), files, modelSnapshotId);
    }
  }

  /**
   * Commits the rows that commits of the model's table list but a crash kept out of the quarantine
   * table.
   */
  public int recover(Table modelTable) {
    return modelTable == null ? 0 : QuarantineCommit.recover(modelTable, this::table);
  }
}
