package dev.lagoa.models.materialize;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.trace.Phase;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.QuerySchemas;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import dev.lagoa.iceberg.commit.TableReplacement;
import dev.lagoa.models.expect.ExpectationCheck;
import dev.lagoa.models.expect.Quarantine;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Builds one model into its table: decides what to read from the bookmark in the table, runs the
 * SQL, checks expectations, merges with the rows already there as the write mode says, and commits
 * the data and the new bookmark in one Iceberg snapshot. Until that commit the table is unchanged,
 * so a build that dies half-way is simply redone by the next run.
 */
public final class ModelBuilder {
  private static final String BATCH = "__lagoa_batch";
  private static final String NEW_ROW = "__lagoa_new";
  private static final String RANK = "__lagoa_rank";

  private final DuckEngine engine;
  private final LakeCatalog catalog;
  private final Relations relations;
  private final TableWriter writer;
  private final Quarantine quarantine;
  private final String runId;

  public ModelBuilder(
      DuckEngine engine, LakeCatalog catalog, Clock clock, Relations relations, String runId) {
    this.engine = engine;
    this.catalog = catalog;
    this.relations = relations;
    this.writer = new TableWriter(engine, clock);
    this.quarantine = new Quarantine(catalog, writer, clock);
    this.runId = runId;
  }

  /**
   * @throws LagoaException when the model cannot be built: its SQL fails, an input is missing, a
   *     {@code fail} expectation fails, or its table cannot take the result; the table is then
   *     unchanged
   */
  public BuildResult build(Model model, boolean fullRefresh) {
    Phase.MODEL_BUILD.enter(model.name());
    try {
      return model.materialization() == Materialization.VIEW
          ? buildView(model)
          : buildTable(model, fullRefresh);
    } catch (LagoaException e) {
      throw e.getMessage().startsWith("Cannot build model " + model.name())
          ? e
          : new LagoaException(
              e.category(),
              "Cannot build model " + model.name() + " (" + model.file() + "): " + e.getMessage(),
              e);
    } finally {
      engine.execute("DROP TABLE IF EXISTS " + BATCH);
      relations.dropAppendedViews();
    }
  }

  private BuildResult buildView(Model model) {
    String view = relations.relationOf(model);
    return new BuildResult(
        true, BuildMode.NONE, 0, 0, 0, List.of(), 0, "view " + view + " defined");
  }

  private BuildResult buildTable(Model model, boolean fullRefresh) {
    ModelConfig config = model.config();
    PlannedBuild planned = PlannedBuild.of(model, fullRefresh, catalog, relations);
    Table existing = planned.existing();
    quarantine.recover(existing);
    Snapshot base = planned.base();
    Set<String> lookups = planned.lookups();
    Map<String, Table> inputs = planned.inputs();
    Map<String, Snapshot> current = planned.current();
    Bookmark next = planned.next();
    BuildPlan plan = planned.plan();
    String definitionNote = planned.definitionNote();
    if (plan.mode() == BuildMode.NONE) {
      return new BuildResult(
          false, BuildMode.NONE, 0, 0, 0, List.of(), 0, plan.reason() + definitionNote);
    }

    String sql =
        plan.mode() == BuildMode.FULL
            ? relations.renderWhole(model, current)
            : relations.renderAppended(model, plan.from(), current, lookups);
    long rowsIn = plan.rowsIn(inputs, current);

    ExpectationCheck.Outcome checked;
    // New rows of an incremental run are read several times (partitions touched, merge,
    // expectations):
    // keep them in DuckDB once. A full build streams from its inputs; expectations only count over
    // that stream, which reads just the columns their conditions name, and the write streams again.
    if (plan.mode() == BuildMode.INCREMENTAL) {
      engine.execute(
          "CREATE OR REPLACE TEMP TABLE " + BATCH + " AS SELECT * FROM (\n" + sql + "\n)");
      checked = ExpectationCheck.check(engine, model, BATCH);
    } else {
      checked = ExpectationCheck.check(engine, model, "(\n" + sql + "\n)");
    }
    String kept = "(" + checked.kept() + ")";
    Schema result = QuerySchemas.schemaOf(engine, checked.kept());
    requireColumns(model, result, config.uniqueKey(), "unique_key");

    String batchId = model.name() + "@" + Bookmark.idOf(base);
    LagoaSummary summary =
        next.toSummary().withModelRun(runId, plan.mode().name().toLowerCase(Locale.ROOT));
    Table table;
    TableReplacement replacement = null;
    List<DataFile> replaced;
    String finalRows;
    String note = "";
    if (plan.mode() == BuildMode.FULL) {
      PartitionSpec spec = PartitionSpecs.parse(result, config.partitionBy());
      if (existing == null
          || !sameColumns(existing.schema(), result)
          || !sameFields(existing.spec(), spec)) {
        // Columns or partitioning changed and every row is rewritten anyway: replace the table's
        // definition and rows in one commit, so readers never see it empty or half-migrated.
        replacement = catalog.startReplacement(config.table(), result, spec, base);
        table = replacement.table();
        replaced = AffectedFiles.all(existing, base);
        if (existing != null) {
          note = "; columns or partitioning changed, table definition replaced";
        }
      } else {
        table = existing;
        replaced = AffectedFiles.all(table, base);
      }
      finalRows =
          config.uniqueKey().isEmpty()
              ? kept
              : deduplicated(config, "SELECT *, 1 AS " + NEW_ROW + " FROM " + kept);
    } else {
      table = evolve(model, existing, result);
      replaced =
          switch (config.writeStrategy()) {
            case APPEND -> List.of();
            case OVERWRITE_PARTITIONS ->
                AffectedFiles.inTouchedPartitions(engine, table, base, kept);
            case MERGE -> AffectedFiles.holdingKeys(engine, table, base, kept, config.uniqueKey());
          };
      if (config.uniqueKey().isEmpty()) {
        finalRows = kept;
      } else {
        String existingRows = TableViews.relation(table.schema(), replaced);
        finalRows =
            deduplicated(
                config,
                "SELECT *, 0 AS "
                    + NEW_ROW
                    + " FROM ("
                    + existingRows
                    + ") UNION ALL BY NAME SELECT *, 1 AS "
                    + NEW_ROW
                    + " FROM "
                    + kept);
      }
    }

    List<DataFile> written =
        writer.writeFiles(table, projected(table.schema(), finalRows)).stream()
            .filter(file -> file.recordCount() > 0)
            .toList();
    List<String> quarantined =
        checked.droppedRows() > 0
            ? quarantine.stage(batchId, runId, model, checked.quarantined())
            : List.of();
    summary = summary.withQuarantineFiles(quarantined);
    String action = "commit model " + model.name() + " to " + config.table();
    long snapshotId =
        replacement != null
            ? replacement.commit(written, summary, action).snapshotId()
            : TableCommit.commit(
                    table, base, CommitPlan.replaceFiles(replaced, written, summary), action)
                .snapshotId();
    quarantine.link(quarantined, snapshotId);
    long rowsOut = written.stream().mapToLong(DataFile::recordCount).sum();
    return new BuildResult(
        true,
        plan.mode(),
        rowsIn,
        rowsOut,
        checked.droppedRows(),
        checked.results(),
        snapshotId,
        describe(plan, config, replaced.size(), written.size()) + note + definitionNote);
  }

  /** Adds the result's new columns to the table, or widens types, as Iceberg allows. */
  private Table evolve(Model model, Table table, Schema result) {
    PartitionSpec wanted;
    try {
      wanted = PartitionSpecs.parse(table.schema(), model.config().partitionBy());
    } catch (LagoaException e) {
      throw LagoaException.userInput(
          "Cannot write to %s: %s; rebuild it with --full-refresh", table.name(), e.getMessage());
    }
    if (!sameFields(table.spec(), wanted)) {
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

  private static void requireColumns(
      Model model, Schema result, List<String> columns, String setting) {
    for (String column : columns) {
      if (result.asStruct().field(column) == null) {
        List<String> names = result.columns().stream().map(Types.NestedField::name).toList();
        throw LagoaException.userInput(
            "Cannot build model %s: %s names column '%s' but the model's columns are %s",
            model.name(), setting, column, names);
      }
    }
  }

  /** One row per unique key: the first by order_by, then the newest. */
  private static String deduplicated(ModelConfig config, String rows) {
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

  /** The rows with exactly the table's columns, NULL for those the rows lack. */
  private String projected(Schema schema, String rows) {
    Set<String> available = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    available.addAll(
        QuerySchemas.schemaOf(engine, "SELECT * FROM " + rows).columns().stream()
            .map(Types.NestedField::name)
            .toList());
    StringJoiner columns = new StringJoiner(", ");
    for (Types.NestedField column : schema.columns()) {
      columns.add(
          (available.contains(column.name()) ? quote(column.name()) : "NULL")
              + " AS "
              + quote(column.name()));
    }
    return "SELECT " + columns + " FROM " + rows;
  }

  private static boolean sameColumns(Schema left, Schema right) {
    return TypeUtil.assignIncreasingFreshIds(left)
        .sameSchema(TypeUtil.assignIncreasingFreshIds(right));
  }

  static boolean sameFields(PartitionSpec left, PartitionSpec right) {
    return describe(left).equals(describe(right));
  }

  private static List<String> describe(PartitionSpec spec) {
    List<String> fields = new ArrayList<>();
    for (PartitionField field : spec.fields()) {
      fields.add(field.transform() + "(" + spec.schema().findColumnName(field.sourceId()) + ")");
    }
    return fields;
  }

  private static String describe(BuildPlan plan, ModelConfig config, int replaced, int written) {
    if (plan.mode() == BuildMode.FULL) {
      return "full build of " + config.table() + " (" + plan.reason() + ")";
    }
    return "incremental "
        + config.writeStrategy().name().toLowerCase(Locale.ROOT)
        + " into "
        + config.table()
        + ": "
        + written
        + (written == 1 ? " file" : " files")
        + " written, "
        + replaced
        + (replaced == 1 ? " file" : " files")
        + " replaced";
  }

  /** What an incremental run does when the model's definition changed since its rows were built. */
  static String definitionChanged(Model model, BuildMode mode) {
    return "; the model's SQL, settings or expectations changed since the rows in "
        + model.config().table()
        + " were built: those rows keep the old definition"
        + (mode == BuildMode.INCREMENTAL ? ", the new rows get the new one" : "")
        + " (run lagoa run --select "
        + model.name()
        + " --full-refresh to rebuild them all)";
  }

  /**
   * Changes when the model's SQL or settings change; table models rebuild then even if inputs did
   * not.
   */
  public static String fingerprint(Model model) {
    String text =
        model.sql().render(reference -> "{{ " + reference + " }}") + "\n" + model.config();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw LagoaException.internal(
          e, "Cannot fingerprint model %s: %s", model.name(), e.getMessage());
    }
  }
}
