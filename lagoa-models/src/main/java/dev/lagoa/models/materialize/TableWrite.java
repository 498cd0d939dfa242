package dev.lagoa.models.materialize;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelConfig;
import java.util.List;
import java.util.StringJoiner;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;

/**
 * The write stage of a build: how its checked rows reach the model's table. A full build rewrites
 * the table ({@link FullRewrite}); an incremental one follows the model's {@code write_mode}:
 * {@link AppendWrite}, {@link MergeWrite} or {@link OverwritePartitionsWrite}. Each decides which
 * table receives the rows, which of its data files they replace and the rows written in their
 * place; nothing is written or committed here.
 */
sealed interface TableWrite permits FullRewrite, AppendWrite, MergeWrite, OverwritePartitionsWrite {
  String NEW_ROW = "__lagoa_new";
  String RANK = "__lagoa_rank";

  /** What one build hands to its write strategy. */
  record Input(
      DuckEngine engine, LakeCatalog catalog, Model model, PlannedBuild planned, CheckedRows rows) {
    ModelConfig config() {
      return model.config();
    }
  }

  PreparedWrite prepare(Input input);

  /** The strategy for a build of {@code mode} ({@code FULL} or {@code INCREMENTAL}). */
  static TableWrite of(BuildMode mode, ModelConfig config) {
    if (mode == BuildMode.FULL) {
      return new FullRewrite();
    }
    if (mode != BuildMode.INCREMENTAL) {
      throw new IllegalArgumentException("a build of mode " + mode + " writes nothing");
    }
    return switch (config.writeStrategy()) {
      case APPEND -> new AppendWrite();
      case MERGE -> new MergeWrite();
      case OVERWRITE_PARTITIONS -> new OverwritePartitionsWrite();
    };
  }

  /**
   * The new rows of an incremental build with the rows of the {@code replaced} files, one row per
   * unique key (the new row wins a tie of {@code order_by}); just the new rows without a unique
   * key.
   */
  static String withReplacedRows(Input input, Table table, List<DataFile> replaced) {
    String kept = input.rows().kept();
    if (input.config().uniqueKey().isEmpty()) {
      return kept;
    }
    // Rows another engine deleted merge-on-read (Spark's DELETE) stay deleted in the rewrite.
    String existingRows = TableViews.liveRows(table, input.planned().base(), replaced);
    return deduplicated(
        input.config(),
        "SELECT *, 0 AS "
            + NEW_ROW
            + " FROM ("
            + existingRows
            + ") UNION ALL BY NAME SELECT *, 1 AS "
            + NEW_ROW
            + " FROM "
            + kept);
  }

  /**
   * One row per unique key of {@code rows}, all new (a full build's): the first by order_by. With
   * no tie to break between old and new rows the window orders by order_by alone, which DuckDB
   * turns into a streaming {@code arg_max} aggregate when order_by is one expression, instead of
   * sorting every row.
   */
  static String latest(ModelConfig config, String rows) {
    StringJoiner partition = new StringJoiner(", ");
    config.uniqueKey().forEach(column -> partition.add(quote(column)));
    String order =
        config.orderBy().isEmpty() ? "" : " ORDER BY " + String.join(", ", config.orderBy());
    return "(SELECT * EXCLUDE ("
        + RANK
        + ") FROM (SELECT *, row_number() OVER (PARTITION BY "
        + partition
        + order
        + ") AS "
        + RANK
        + " FROM "
        + rows
        + ") WHERE "
        + RANK
        + " = 1)";
  }

  /** One row per unique key: the first by order_by, then the newest. */
  static String deduplicated(ModelConfig config, String rows) {
    StringJoiner partition = new StringJoiner(", ");
    config.uniqueKey().forEach(column -> partition.add(quote(column)));
    StringJoiner order = new StringJoiner(", ");
    config.orderBy().forEach(order::add);
    order.add(NEW_ROW + " DESC");
    return "(SELECT * EXCLUDE ("
        + RANK
        + ", "
        + NEW_ROW
        + ") FROM (SELECT *, row_number() OVER (PARTITION BY "
        + partition
        + " ORDER BY "
        + order
        + ") AS "
        + RANK
        + " FROM ("
        + rows
        + ")) WHERE "
        + RANK
        + " = 1)";
  }

  /**
   * The model's table ready for an incremental write: the result's new columns added, or types
   * widened, as Iceberg allows; refused when {@code partition_by} no longer matches the table.
   */
  static Table evolved(Input input) {
    Model model = input.model();
    Table table = input.planned().existing();
    Schema result = input.rows().schema();
    PartitionSpec wanted;
    try {
      wanted = PartitionSpecs.parse(table.schema(), model.config().partitionBy());
    } catch (LagoaException e) {
      throw LagoaException.userInput(
          "Cannot write to %s: %s; rebuild it with --full-refresh", table.name(), e.getMessage());
    }
    if (!ModelBuilder.sameFields(table.spec(), wanted)) {
      throw LagoaException.userInput(
          "Cannot write to %s: partition_by is now %s but the table is partitioned by %s; rebuild it with --full-refresh",
          table.name(), model.config().partitionBy(), table.spec().fields());
    }
    Schema merged;
    try {
      var update = table.updateSchema().unionByNameWith(result);
      merged = update.apply();
      if (!merged.sameSchema(table.schema())) {
        update.commit();
        table.refresh();
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw LagoaException.userInput(
          "Cannot write the columns of model %s to %s: %s; rebuild it with --full-refresh",
          model.name(), table.name(), e.getMessage());
    }
    return table;
  }
}
