package dev.lagoa.models.materialize;

import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.trace.Phase;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.QuerySchemas;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
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
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;

/**
 * Builds one model into its table: decides what to read from the bookmark in the table, runs the
 * SQL, checks expectations, merges with the rows already there as the write mode says, and commits
 * the data and the new bookmark in one Iceberg snapshot. Until that commit the table is unchanged,
 * so a build that dies half-way is simply redone by the next run.
 */
public final class ModelBuilder {
  private static final String BATCH = "__lagoa_batch";

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

  /**
   * A table model's build in its stages: the {@link PlannedBuild plan} (what to read, the bookmark
   * to record), the {@link CheckedRows rows} (the SQL run and its expectations checked), the {@link
   * TableWrite write} the build mode and write mode call for, then the data files and the commit.
   */
  private BuildResult buildTable(Model model, boolean fullRefresh) {
    BuildTimings timings = new BuildTimings(model.name());
    PlannedBuild planned = PlannedBuild.of(model, fullRefresh, catalog, relations);
    timings.stage("plan");
    quarantine.recover(planned.existing());
    timings.stage("recover");
    BuildPlan plan = planned.plan();
    if (plan.mode() == BuildMode.NONE) {
      return new BuildResult(
          false, BuildMode.NONE, 0, 0, 0, List.of(), 0, plan.reason() + planned.definitionNote());
    }
    CheckedRows rows = checkedRows(model, planned, timings);
    PreparedWrite write =
        TableWrite.of(plan.mode(), model.config())
            .prepare(new TableWrite.Input(engine, catalog, model, planned, rows));
    timings.stage("prepare");
    String projected = projected(write.table().schema(), rows.schema(), write.rows());
    timings.stage("project");
    List<DataFile> written =
        writer.writeFiles(write.table(), projected).stream()
            .filter(file -> file.recordCount() > 0)
            .toList();
    timings.stage("write");
    ExpectationCheck.Outcome checked = rows.outcome();
    List<String> quarantined =
        checked.droppedRows() > 0
            ? quarantine.stage(batchId(model, planned), runId, model, checked.quarantined())
            : List.of();
    timings.stage("quarantine");
    long snapshotId = commit(model, planned, write, written, quarantined);
    timings.stage("commit");
    quarantine.link(quarantined, snapshotId);
    timings.stage("link");
    timings.log();
    long rowsOut = written.stream().mapToLong(DataFile::recordCount).sum();
    return new BuildResult(
        true,
        plan.mode(),
        plan.rowsIn(planned.inputs(), planned.current()),
        rowsOut,
        checked.droppedRows(),
        checked.results(),
        snapshotId,
        describe(plan, model.config(), write.replaced().size(), written.size())
            + write.note()
            + planned.definitionNote());
  }

  /** Runs the model's SQL over what the plan reads and checks its expectations. */
  private CheckedRows checkedRows(Model model, PlannedBuild planned, BuildTimings timings) {
    BuildPlan plan = planned.plan();
    String sql =
        plan.mode() == BuildMode.FULL
            ? relations.renderWhole(model, planned.inputs(), planned.current())
            : relations.renderAppended(
                model, planned.inputs(), plan.from(), planned.current(), planned.lookups());
    timings.stage("render");
    ExpectationCheck.Outcome checked;
    // New rows of an incremental run are read several times (partitions touched, merge,
    // expectations): keep them in DuckDB once. A full build streams from its inputs; expectations
    // only count over that stream, which reads just the columns their conditions name, and the
    // write streams again.
    if (plan.mode() == BuildMode.INCREMENTAL) {
      engine.execute(
          "CREATE OR REPLACE TEMP TABLE " + BATCH + " AS SELECT * FROM (\n" + sql + "\n)");
      checked = ExpectationCheck.check(engine, model, BATCH);
    } else {
      checked = ExpectationCheck.check(engine, model, "(\n" + sql + "\n)");
    }
    timings.stage("expectations");
    Schema result = QuerySchemas.schemaOf(engine, checked.kept());
    timings.stage("schema");
    requireColumns(model, result, model.config().uniqueKey(), "unique_key");
    return new CheckedRows(checked, result);
  }

  /**
   * Commits the written files in place of the replaced ones, with the new bookmark and the staged
   * quarantine files, refused if the table moved since the build was planned.
   */
  private long commit(
      Model model,
      PlannedBuild planned,
      PreparedWrite write,
      List<DataFile> written,
      List<String> quarantined) {
    LagoaSummary summary =
        planned
            .next()
            .toSummary()
            .withModelRun(runId, planned.plan().mode().name().toLowerCase(Locale.ROOT))
            .withQuarantineFiles(quarantined);
    String action = "commit model " + model.name() + " to " + model.config().table();
    return write.replacement() != null
        ? write.replacement().commit(written, summary, action).snapshotId()
        : TableCommit.commit(
                write.table(),
                planned.base(),
                CommitPlan.replaceFiles(write.replaced(), written, summary),
                action)
            .snapshotId();
  }

  /**
   * The quarantine batch of a build: the model and the snapshot of its table the build started
   * from.
   */
  private static String batchId(Model model, PlannedBuild planned) {
    return model.name() + "@" + Bookmark.idOf(planned.base());
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

  /**
   * The rows with exactly the table's columns, NULL for those the rows lack. The rows hold every
   * column of the model's {@code result} (and, merged with existing rows, the table's): only when
   * the table has columns the result lacks are the rows' columns asked of DuckDB.
   */
  private String projected(Schema schema, Schema result, String rows) {
    Set<String> available = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    result.columns().forEach(column -> available.add(column.name()));
    boolean complete =
        schema.columns().stream().allMatch(column -> available.contains(column.name()));
    if (!complete) {
      available.addAll(
          QuerySchemas.schemaOf(engine, "SELECT * FROM " + rows).columns().stream()
              .map(Types.NestedField::name)
              .toList());
    }
    StringJoiner columns = new StringJoiner(", ");
    for (Types.NestedField column : schema.columns()) {
      columns.add(
          (available.contains(column.name()) ? quote(column.name()) : "NULL")
              + " AS "
              + quote(column.name()));
    }
    return "SELECT " + columns + " FROM " + rows;
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
    return describe(plan, config, replaced, written, "");
  }

  /**
   * What a build did, as the run report says it; {@code where} follows the table's name (" on
   * Spark", or nothing on DuckDB).
   */
  static String describe(
      BuildPlan plan, ModelConfig config, long replaced, long written, String where) {
    if (plan.mode() == BuildMode.FULL) {
      return "full build of " + config.table() + where + " (" + plan.reason() + ")";
    }
    return "incremental "
        + config.writeStrategy().name().toLowerCase(Locale.ROOT)
        + " into "
        + config.table()
        + where
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
