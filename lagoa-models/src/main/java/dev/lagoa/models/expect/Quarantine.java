package dev.lagoa.models.expect;

import static dev.lagoa.duckdb.DuckTypes.literal;

import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.WriteMode;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.models.project.Model;
import java.time.Clock;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;

/**
 * The table of rows that {@code drop} expectations kept out of model tables, each with the model,
 * the expectation and the whole row as JSON, so nothing is lost silently and a fixed row can be
 * replayed.
 *
 * <p>Rows are grouped by batch: the model and the snapshot of its table the build started from. A
 * build that crashes after quarantining and before committing its table is redone from the same
 * snapshot, and its quarantine commit replaces the batch instead of adding the rows twice.
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

  /**
   * Stores the rows of {@code quarantined} (see {@link ExpectationCheck.Outcome#quarantined()}),
   * replacing what an earlier attempt of the same batch stored.
   */
  public void write(String batchId, String runId, Model model, String quarantined) {
    Table table =
        catalog
            .find(TABLE)
            .orElseGet(
                () ->
                    catalog.create(
                        TABLE,
                        SCHEMA,
                        PartitionSpec.builderFor(SCHEMA).identity("batch_id").build()));
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
    writer.write(
        table,
        rows,
        WriteMode.OVERWRITE_PARTITIONS,
        LagoaSummary.empty().withModelQuarantine(model.name(), batchId));
  }
}
