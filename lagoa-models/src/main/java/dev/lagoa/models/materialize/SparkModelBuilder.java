package dev.lagoa.models.materialize;

import static dev.lagoa.duckdb.DuckTypes.literal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.trace.Phase;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.models.expect.ExpectationCheck;
import dev.lagoa.models.expect.ExpectationResult;
import dev.lagoa.models.expect.Quarantine;
import dev.lagoa.models.functions.PortableSql;
import dev.lagoa.models.project.Expectation;
import dev.lagoa.models.project.ExpectationAction;
import dev.lagoa.models.project.Materialization;
import dev.lagoa.models.project.Model;
import dev.lagoa.models.project.ModelConfig;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.models.spark.SparkJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Builds a table model on Spark with the semantics of {@link ModelBuilder}: Lagoa plans here — the
 * bookmark, what to read (whole snapshots or the rows appended since the bookmark), the
 * expectations, the typed {@code lagoa.*} summary of the commit — and the Spark job executes: runs
 * the SQL, checks the expectations, combines the kept rows with the table's as the write mode says,
 * and commits once with that summary as snapshot properties, refusing if the table moved since it
 * was planned. Rows dropped by expectations go to the same quarantine table as on DuckDB: staged
 * before the commit, which lists them, and committed after it ({@link Quarantine}).
 *
 * <p>View models stay DuckDB views (they hold no rows); tests run on DuckDB over the committed
 * table.
 */
public final class SparkModelBuilder {
  private final SparkJob job;
  private final LakeCatalog catalog;
  private final ModelProject project;
  private final Relations relations;
  private final Quarantine quarantine;
  private final String runId;

  public SparkModelBuilder(
      SparkJob job,
      LakeCatalog catalog,
      ModelProject project,
      Relations relations,
      TableWriter writer,
      Clock clock,
      String runId) {
    this.job = job;
    this.catalog = catalog;
    this.project = project;
    this.relations = relations;
    this.quarantine = new Quarantine(catalog, writer, clock);
    this.runId = runId;
  }

  /**
   * @throws LagoaException when the model cannot be built; its table is then unchanged
   */
  public BuildResult build(Model model, boolean fullRefresh) {
    if (model.materialization() == Materialization.VIEW) {
      throw LagoaException.internal(
          null, "Cannot build view model %s on Spark: views are DuckDB views", model.name());
    }
    Phase.MODEL_BUILD.enter(model.name());
    // The job holds one prepared build between its prepare and commit requests: runs sharing it
    // (lagoa serve runs several at once) take turns for a whole build.
    synchronized (job) {
      return buildOnJob(model, fullRefresh);
    }
  }

  private BuildResult buildOnJob(Model model, boolean fullRefresh) {
    try {
      return buildTable(model, fullRefresh);
    } catch (LagoaException e) {
      throw e.getMessage().startsWith("Cannot build model " + model.name())
          ? e
          : new LagoaException(
              e.category(),
              "Cannot build model "
                  + model.name()
                  + " ("
                  + model.file()
                  + ") on Spark: "
                  + e.getMessage(),
              e);
    }
  }

  private BuildResult buildTable(Model model, boolean fullRefresh) {
    ModelConfig config = model.config();
    PlannedBuild planned = PlannedBuild.of(model, fullRefresh, catalog, relations);
    quarantine.recover(planned.existing());
    BuildPlan plan = planned.plan();
    if (plan.mode() == BuildMode.NONE) {
      return new BuildResult(
          false, BuildMode.NONE, 0, 0, 0, List.of(), 0, plan.reason() + planned.definitionNote());
    }
    Snapshot base = planned.base();
    if (plan.mode() == BuildMode.INCREMENTAL) {
      requireSamePartitioning(model, planned.existing());
    }

    ObjectNode prepare = job.json().createObjectNode().put("op", "prepare");
    ArrayNode inputs = prepare.putArray("inputs");
    ArrayNode views = prepare.putArray("views");
    boolean incremental = plan.mode() == BuildMode.INCREMENTAL;
    String sql =
        new SparkRendering(
                project,
                relations,
                model,
                planned.current(),
                incremental ? plan.from() : Map.of(),
                incremental,
                incremental ? planned.lookups() : java.util.Set.of(),
                inputs,
                views)
            .render();
    prepare.put("sql", sql);
    prepare.put("persist", incremental);
    // A full build may be written while its expectations are counted, to a branch the commit
    // publishes (the job decides whether the table allows it: lagoa-spark's README).
    prepare.put("stage", plan.mode() == BuildMode.FULL);
    prepare.put("table", config.table());
    prepare.put("mode", plan.mode() == BuildMode.FULL ? "full" : "incremental");
    prepare.put("base", base == null ? 0 : base.snapshotId());
    var stagedPartitionBy = prepare.putArray("partition_by");
    config.partitionBy().forEach(field -> stagedPartitionBy.add(field.canonical()));
    config.uniqueKey().forEach(prepare.putArray("unique_key")::add);
    config.orderBy().forEach(prepare.putArray("order_by")::add);
    ArrayNode expectations = prepare.putArray("expectations");
    for (Expectation expectation : config.expectations()) {
      expectations
          .addObject()
          .put("name", expectation.name())
          .put("condition", PortableSql.forSpark(expectation.condition()))
          .put("on_failure", expectation.onFailure().name().toLowerCase(Locale.ROOT));
    }
    JsonNode prepared = job.request(prepare);
    long rowsIn = plan.rowsIn(planned.inputs(), planned.current());

    List<ExpectationResult> results = new ArrayList<>();
    long checked = prepared.path("checked").asLong();
    boolean deduplicated = prepared.path("deduplicated").asBoolean();
    for (int i = 0; i < config.expectations().size(); i++) {
      Expectation expectation = config.expectations().get(i);
      JsonNode result = prepared.path("expectations").path(i);
      long failed = result.path("failed").asLong();
      if (failed > 0 && expectation.onFailure() == ExpectationAction.FAIL) {
        throw LagoaException.userInput(
            "Cannot build model %s: expectation %s (%s) failed for %d of %d rows, for example %s",
            model.name(),
            expectation.name(),
            expectation.condition(),
            failed,
            deduplicated ? checked : prepared.path("total").asLong(),
            result.path("sample").asText());
      }
      results.add(
          new ExpectationResult(
              expectation.name(),
              expectation.condition(),
              expectation.onFailure(),
              failed,
              checked,
              deduplicated,
              ExpectationCheck.offendingRows(model, expectation)));
    }
    long dropped = prepared.path("dropped").asLong();
    String batchId = model.name() + "@" + Bookmark.idOf(base);
    List<String> quarantined =
        dropped > 0
            ? quarantine.stage(batchId, runId, model, quarantined(prepared.path("quarantined")))
            : List.of();

    LagoaSummary summary =
        planned
            .next()
            .toSummary()
            .withModelRun(runId, plan.mode().name().toLowerCase(Locale.ROOT))
            .withQuarantineFiles(quarantined)
            .carriedFrom(LagoaSummary.of(base));
    LagoaSummary ifEmpty =
        base == null ? summary : summary.withDataVersion(LagoaSummary.dataVersion(base));
    ObjectNode commit = job.json().createObjectNode().put("op", "commit");
    commit.put("table", config.table());
    commit.put("mode", plan.mode() == BuildMode.FULL ? "full" : "incremental");
    commit.put("write", config.writeStrategy().name().toLowerCase(Locale.ROOT));
    config.uniqueKey().forEach(commit.putArray("unique_key")::add);
    config.orderBy().forEach(commit.putArray("order_by")::add);
    var partitionBy = commit.putArray("partition_by");
    config.partitionBy().forEach(field -> partitionBy.add(field.canonical()));
    commit.put("base", base == null ? 0 : base.snapshotId());
    ObjectNode properties = commit.putObject("properties");
    summary.toMap().forEach(properties::put);
    ObjectNode emptyProperties = commit.putObject("properties_if_empty");
    ifEmpty.toMap().forEach(emptyProperties::put);
    ObjectNode tableProperties = commit.putObject("table_properties");
    LakeCatalog.standardProperties().forEach(tableProperties::put);
    tableProperties.put("format-version", "2");
    tableProperties.put("write.parquet.compression-codec", "zstd");
    tableProperties.put("write.metadata.metrics.max-inferred-column-defaults", "1000");
    JsonNode committed = job.request(commit);
    long filesWritten = committed.path("files_written").asLong();
    long filesReplaced = committed.path("files_replaced").asLong();
    quarantine.link(quarantined, committed.path("snapshot_id").asLong());
    return new BuildResult(
        true,
        plan.mode(),
        rowsIn,
        committed.path("rows_out").asLong(),
        dropped,
        results,
        committed.path("snapshot_id").asLong(),
        describe(plan, config, filesReplaced, filesWritten, prepared.path("staged").asBoolean())
            + planned.definitionNote());
  }

  private static void requireSamePartitioning(Model model, Table table) {
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
  }

  /** The job's quarantined rows as a DuckDB query, for {@link Quarantine#stage}. */
  private static String quarantined(JsonNode rows) {
    StringJoiner values = new StringJoiner(", ");
    for (JsonNode row : rows) {
      values.add(
          "("
              + literal(row.path("expectation").asText())
              + ", "
              + literal(row.path("condition").asText())
              + ", "
              + literal(row.path("row_json").asText())
              + ")");
    }
    return "SELECT * FROM (VALUES " + values + ") AS q(expectation, condition, row_json)";
  }

  /** As on DuckDB; " in one pass" when the job counted the expectations during the write. */
  private static String describe(
      BuildPlan plan, ModelConfig config, long replaced, long written, boolean onePass) {
    return ModelBuilder.describe(
        plan, config, replaced, written, onePass ? " on Spark in one pass" : " on Spark");
  }
}
