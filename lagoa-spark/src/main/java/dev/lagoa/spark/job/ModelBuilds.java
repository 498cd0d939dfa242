package dev.lagoa.spark.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.iceberg.commit.StagingBranches;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.TypeUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/**
 * Builds one model at a time, as Lagoa planned it: {@link #prepare} runs the model's SQL over the
 * inputs Lagoa pinned (whole snapshots, or only the rows appended between two snapshots) and checks
 * the expectations; {@link #commit} combines the kept rows with the table's as the write mode says
 * and commits once, with Lagoa's {@code lagoa.*} snapshot properties (the bookmark), checking that
 * the table is still at the snapshot Lagoa planned from.
 *
 * <p>The semantics are those of Lagoa's DuckDB {@code ModelBuilder}: one row per unique key, the
 * first by {@code order_by} (nulls last, as DuckDB orders them), then the newest; {@code
 * overwrite_partitions} rewrites the partitions the new rows touch with the table's rows there and
 * the new ones; {@code merge} replaces the rows whose keys arrive.
 */
final class ModelBuilds {
  private static final String BATCH = "__lagoa_batch";
  private static final String ROWS = "__lagoa_rows";
  private static final String NEW_ROW = "__lagoa_new";
  private static final String RANK = "__lagoa_rank";

  private static final String BUILD_BRANCH = "lagoa_build_";

  private final SparkSession spark;
  private final String catalogName;
  private final ObjectMapper json;
  private Dataset<Row> batch;
  private Dataset<Row> kept;
  private Staged staged;

  /** A full build written to {@code branch} of {@code table}, which started at {@code base}. */
  private record Staged(TableIdentifier table, String branch, long base) {}

  ModelBuilds(SparkSession spark, String catalogName, ObjectMapper json) {
    this.spark = spark;
    this.catalogName = catalogName;
    this.json = json;
  }

  ObjectNode prepare(JsonNode request) throws Exception {
    release();
    for (JsonNode input : request.path("inputs")) {
      inputRows(input).createOrReplaceTempView(input.path("view").asText());
    }
    for (JsonNode view : request.path("views")) {
      spark.sql(
          "CREATE OR REPLACE TEMP VIEW "
              + quote(view.path("name").asText())
              + " AS "
              + view.path("sql").asText());
    }
    // New rows of an incremental build are read several times (expectation counts, the partitions
    // they touch, the merge): keep them once. A full build streams from its inputs: in one pass
    // when it can be staged (stagedWrite), else twice (expectation counts, then the write), as on
    // DuckDB: materializing every row first costs more.
    batch = spark.sql(request.path("sql").asText());
    if (request.path("persist").asBoolean(true)) {
      batch = batch.persist(StorageLevel.MEMORY_AND_DISK());
    }
    batch.createOrReplaceTempView(BATCH);
    List<String> uniqueKey = strings(request.path("unique_key"));
    List<String> orderBy = strings(request.path("order_by"));

    List<JsonNode> expectations = new ArrayList<>();
    request.path("expectations").forEach(expectations::add);
    ObjectNode answer = json.createObjectNode();
    ArrayNode columns = answer.putArray("columns");
    for (StructField field : batch.schema().fields()) {
      columns.add(field.name());
    }
    StringJoiner keep = new StringJoiner(" AND ");
    List<String> counts = new ArrayList<>();
    counts.add("count(*)");
    for (JsonNode expectation : expectations) {
      counts.add("count_if(" + failing(expectation) + ")");
      if (expectation.path("on_failure").asText().equals("drop")) {
        keep.add(passing(expectation));
      }
    }
    if (keep.length() > 0) {
      counts.add("count_if(NOT (" + keep + "))");
    }
    // A full build over a table that keeps its columns and partitioning is written in the same
    // pass that counts the expectations (observed during the write), to a branch that only the
    // commit publishes; otherwise the counts come first, from a pass of their own.
    Table target = stageable(request);
    Row totals =
        target == null ? null : stagedWrite(target, request, counts, keep, uniqueKey, orderBy);
    if (totals == null) {
      totals = spark.sql("SELECT " + String.join(", ", counts) + " FROM " + BATCH).first();
    }
    long total = totals.getLong(0);
    boolean anyFailed = false;
    for (int i = 1; i <= expectations.size(); i++) {
      anyFailed |= totals.getLong(i) > 0;
    }
    long[] failed = new long[expectations.size()];
    long checked = total;
    boolean deduplicated = !uniqueKey.isEmpty() && anyFailed;
    if (deduplicated) {
      // Report what the table would hold: the rows left after the model's own deduplication.
      StringJoiner partition = new StringJoiner(", ");
      uniqueKey.forEach(column -> partition.add(quote(column)));
      String order = orderBy.isEmpty() ? "" : " ORDER BY " + orderTerms(orderBy);
      List<String> afterDedup = new ArrayList<>();
      afterDedup.add("count(*)");
      expectations.forEach(e -> afterDedup.add("count_if(" + failing(e) + ")"));
      Row row =
          spark
              .sql(
                  "SELECT "
                      + String.join(", ", afterDedup)
                      + " FROM (SELECT *, row_number() OVER (PARTITION BY "
                      + partition
                      + order
                      + ") AS "
                      + RANK
                      + " FROM "
                      + BATCH
                      + ") WHERE "
                      + RANK
                      + " = 1")
              .first();
      checked = row.getLong(0);
      for (int i = 0; i < failed.length; i++) {
        failed[i] = row.getLong(i + 1);
      }
    } else {
      for (int i = 0; i < failed.length; i++) {
        failed[i] = totals.getLong(i + 1);
      }
    }
    answer.put("total", total);
    answer.put("checked", checked);
    answer.put("deduplicated", deduplicated);
    answer.put("dropped", keep.length() > 0 ? totals.getLong(expectations.size() + 1) : 0);
    ArrayNode results = answer.putArray("expectations");
    ArrayNode quarantined = answer.putArray("quarantined");
    boolean refused = false;
    for (int i = 0; i < expectations.size(); i++) {
      JsonNode expectation = expectations.get(i);
      ObjectNode result = results.addObject();
      result.put("name", expectation.path("name").asText());
      result.put("failed", failed[i]);
      if (failed[i] > 0 && expectation.path("on_failure").asText().equals("fail")) {
        refused = true;
        result.put("sample", rowsAsJson(failing(expectation), 1).get(0));
      }
      if (failed[i] > 0 && expectation.path("on_failure").asText().equals("drop")) {
        for (String row : rowsAsJson(failing(expectation), Integer.MAX_VALUE)) {
          quarantined
              .addObject()
              .put("expectation", expectation.path("name").asText())
              .put("condition", expectation.path("condition").asText())
              .put("row_json", row);
        }
      }
    }
    kept = keep.length() > 0 ? batch.where(keep.toString()) : batch;
    if (staged != null && refused) {
      // Lagoa refuses the build: nothing of it may remain, not even on a branch.
      dropStaged();
    }
    answer.put("staged", staged != null);
    return answer;
  }

  ObjectNode commit(JsonNode request) throws Exception {
    if (kept == null) {
      throw new JobException("internal", "Cannot commit: no model was prepared");
    }
    String tableName = request.path("table").asText();
    String qualified = quoteName(catalogName + "." + tableName);
    Catalog catalog = icebergCatalog();
    TableIdentifier identifier = TableIdentifier.parse(tableName);
    Table table = catalog.tableExists(identifier) ? catalog.loadTable(identifier) : null;
    long base = request.path("base").asLong(0);
    long current =
        table == null || table.currentSnapshot() == null ? 0 : table.currentSnapshot().snapshotId();
    if (current != base) {
      throw new JobException(
          "external",
          "another writer committed snapshot "
              + current
              + " to "
              + tableName
              + " after this build was planned from snapshot "
              + base
              + "; nothing of this build is visible, run again");
    }
    List<String> uniqueKey = strings(request.path("unique_key"));
    List<String> orderBy = strings(request.path("order_by"));
    Map<String, String> properties = map(request.path("properties"));
    if (staged != null) {
      return published(table, identifier, properties);
    }
    String mode = request.path("mode").asText();
    String write = request.path("write").asText();
    Dataset<Row> rows;
    if (mode.equals("full")) {
      rows =
          uniqueKey.isEmpty()
              ? kept
              : deduplicated(kept.withColumn(NEW_ROW, lit(1)), uniqueKey, orderBy);
      List<String> partitionBy = strings(request.path("partition_by"));
      if (table != null
          && sameColumns(table.schema(), rows.schema())
          && describe(table).equals(wanted(partitionBy))) {
        writer(projected(table, rows), qualified, properties, base).overwrite(lit(true));
      } else {
        DataFrameWriterV2<Row> writer = rows.writeTo(qualified).using("iceberg");
        map(request.path("table_properties")).forEach(writer::tableProperty);
        properties.forEach((key, value) -> writer.option("snapshot-property." + key, value));
        List<Column> transforms = partitionColumns(partitionBy);
        if (!transforms.isEmpty()) {
          writer.partitionedBy(
              transforms.get(0), transforms.subList(1, transforms.size()).toArray(Column[]::new));
        }
        writer.createOrReplace();
        optionalColumns(catalog.loadTable(identifier));
      }
    } else {
      evolve(table, kept.schema());
      table.refresh();
      Dataset<Row> fresh = kept.withColumn(NEW_ROW, lit(1));
      switch (write) {
        case "append" -> {
          rows = uniqueKey.isEmpty() ? kept : deduplicated(fresh, uniqueKey, orderBy);
          rows = projected(table, rows);
          if (rows.isEmpty()) {
            emptyCommit(table, request);
          } else {
            writer(rows, qualified, properties, base).append();
          }
        }
        case "overwrite_partitions" -> {
          if (uniqueKey.isEmpty()) {
            rows = kept;
          } else {
            Dataset<Row> existing = existingIn(table, base, kept, partitionKeys(table));
            rows = deduplicated(union(existing, fresh), uniqueKey, orderBy);
          }
          rows = projected(table, rows);
          if (rows.isEmpty()) {
            emptyCommit(table, request);
          } else {
            writer(rows, qualified, properties, base).overwritePartitions();
          }
        }
        case "merge" -> {
          List<String> keyExpressions = new ArrayList<>();
          uniqueKey.forEach(column -> keyExpressions.add(quote(column)));
          Dataset<Row> existing = existingIn(table, base, kept, keyExpressions);
          rows = projected(table, deduplicated(union(existing, fresh), uniqueKey, orderBy));
          if (rows.isEmpty()) {
            emptyCommit(table, request);
          } else {
            rows.createOrReplaceTempView(ROWS);
            StringJoiner on = new StringJoiner(" AND ");
            uniqueKey.forEach(column -> on.add("t." + quote(column) + " <=> s." + quote(column)));
            String merge =
                "MERGE INTO "
                    + qualified
                    + " t USING "
                    + ROWS
                    + " s ON "
                    + on
                    + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *";
            // SQL commands take snapshot properties from Iceberg's CommitMetadata, not options.
            CommitMetadata.withCommitProperties(
                properties,
                () -> {
                  spark.sql(merge);
                  return null;
                },
                RuntimeException.class);
          }
        }
        default ->
            throw new JobException("internal", "Cannot commit: unknown write mode '" + write + "'");
      }
    }
    return committedAnswer(catalog.loadTable(identifier));
  }

  private ObjectNode committedAnswer(Table committed) {
    Snapshot snapshot = committed.currentSnapshot();
    ObjectNode answer = json.createObjectNode();
    answer.put("snapshot_id", snapshot == null ? 0 : snapshot.snapshotId());
    Map<String, String> summary = snapshot == null ? Map.of() : snapshot.summary();
    answer.put("rows_out", Long.parseLong(summary.getOrDefault("added-records", "0")));
    answer.put("files_written", Long.parseLong(summary.getOrDefault("added-data-files", "0")));
    answer.put("files_replaced", Long.parseLong(summary.getOrDefault("deleted-data-files", "0")));
    release();
    return answer;
  }

  // ---- one pass: the write counts, a branch stages it -------------------------------------------

  /**
   * The model's table when this build can be written in one pass: a full build Lagoa allows to
   * stage ({@code stage}), over an existing table at the planned snapshot whose columns and
   * partitioning the rows keep (an {@code overwrite}, not a {@code createOrReplace}); else null.
   */
  private Table stageable(JsonNode request) {
    long base = request.path("base").asLong(0);
    if (!request.path("stage").asBoolean(false)
        || !request.path("mode").asText().equals("full")
        || base == 0) {
      return null;
    }
    Catalog catalog = icebergCatalog();
    TableIdentifier identifier = TableIdentifier.parse(request.path("table").asText());
    if (!catalog.tableExists(identifier)) {
      return null;
    }
    Table table = catalog.loadTable(identifier);
    boolean atBase =
        table.currentSnapshot() != null && table.currentSnapshot().snapshotId() == base;
    return atBase
            && sameColumns(table.schema(), batch.schema())
            && describe(table).equals(wanted(strings(request.path("partition_by"))))
        ? table
        : null;
  }

  /**
   * Writes the build's rows to a new branch of {@code table} at the planned snapshot, counting
   * {@code counts} (total rows, each expectation's failures, the rows drop expectations keep out)
   * over the model's rows during that same pass with Spark's {@link Observation}. Nothing on {@code
   * main} changes: {@link #commit} publishes the branch, or {@link #release} drops it. Answers the
   * counts in the order given, or null when Spark did not report them (the caller counts then).
   */
  private Row stagedWrite(
      Table table,
      JsonNode request,
      List<String> counts,
      StringJoiner keep,
      List<String> uniqueKey,
      List<String> orderBy)
      throws NoSuchTableException {
    long started = System.nanoTime();
    Observation observation =
        new Observation("lagoa_counts_" + UUID.randomUUID().toString().replace("-", ""));
    List<Column> metrics = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      metrics.add(functions.expr(counts.get(i)).as("c" + i));
    }
    Dataset<Row> rows =
        batch.observe(
            observation, metrics.get(0), metrics.subList(1, metrics.size()).toArray(Column[]::new));
    if (keep.length() > 0) {
      rows = rows.where(keep.toString());
    }
    if (!uniqueKey.isEmpty()) {
      rows = deduplicated(rows.withColumn(NEW_ROW, lit(1)), uniqueKey, orderBy);
    }
    String tableName = request.path("table").asText();
    long base = request.path("base").asLong();
    // Branches a build left behind when its job was killed between the write and the commit.
    StagingBranches.dropAll(table, BUILD_BRANCH);
    String branch = BUILD_BRANCH + UUID.randomUUID().toString().replace("-", "");
    table.manageSnapshots().createBranch(branch, base).commit();
    staged = new Staged(TableIdentifier.parse(tableName), branch, base);
    try {
      projected(table, rows)
          .writeTo(quoteName(catalogName + "." + tableName + ".branch_" + branch))
          .overwrite(lit(true));
    } catch (RuntimeException e) {
      dropStaged();
      throw e;
    }
    Row observed;
    try {
      observed = Await.result(observation.future(), Duration.apply(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      log("no counts observed during the write of " + tableName + " (" + e + "): counting apart");
      observed = null;
    }
    log(
        String.format(
            Locale.ROOT,
            "%s: staged full build written to branch %s with its counts in %.2f s",
            tableName,
            branch,
            (System.nanoTime() - started) / 1e9));
    return observed;
  }

  /**
   * Commits what the staged branch's snapshot wrote to {@code main}, as one overwrite carrying
   * Lagoa's properties (which only now are known: the quarantine files), then drops the branch. The
   * caller checked that {@code main} is still at the planned snapshot; the overwrite validates it
   * again against commits racing this one.
   */
  private ObjectNode published(
      Table table, TableIdentifier identifier, Map<String, String> properties) {
    Staged build = staged;
    if (table == null || !identifier.equals(build.table())) {
      throw new JobException(
          "internal",
          "Cannot commit " + identifier + ": the prepared build is of " + build.table());
    }
    long started = System.nanoTime();
    table.refresh();
    List<DataFile> written = StagingBranches.addedFiles(table, build.branch(), build.base());
    OverwriteFiles overwrite =
        table
            .newOverwrite()
            .overwriteByRowFilter(Expressions.alwaysTrue())
            .validateFromSnapshot(build.base())
            .validateNoConflictingData()
            .validateNoConflictingDeletes();
    written.forEach(overwrite::addFile);
    properties.forEach(overwrite::set);
    overwrite.commit();
    dropStaged();
    table.refresh();
    log(
        String.format(
            Locale.ROOT,
            "%s: staged build published in %.2f s",
            build.table(),
            (System.nanoTime() - started) / 1e9));
    ObjectNode answer = committedAnswer(table);
    release();
    return answer;
  }

  /** Drops the staged branch (a build Lagoa refused, or one it never committed). */
  private void dropStaged() {
    Staged build = staged;
    staged = null;
    if (build == null) {
      return;
    }
    try {
      Table table = icebergCatalog().loadTable(build.table());
      if (table.refs().containsKey(build.branch())) {
        table.manageSnapshots().removeBranch(build.branch()).commit();
      }
    } catch (RuntimeException e) {
      log("cannot drop branch " + build.branch() + " of " + build.table() + ": " + e);
    }
  }

  private static void log(String message) {
    System.err.println("lagoa-job: " + message);
  }

  ObjectNode sql(String statement) {
    Dataset<Row> result = spark.sql(statement);
    ObjectNode answer = json.createObjectNode();
    answer.put("rows", result.count());
    return answer;
  }

  // ---- reading ------------------------------------------------------------------------------

  private Dataset<Row> inputRows(JsonNode input) {
    String table = input.path("table").asText();
    String qualified = quoteName(catalogName + "." + table);
    String read = input.path("read").asText();
    long snapshot = input.path("snapshot").asLong(0);
    return switch (read) {
      case "empty" -> spark.sql("SELECT * FROM " + qualified).limit(0);
      case "whole" ->
          snapshot == 0
              ? spark.sql("SELECT * FROM " + qualified)
              : spark.sql("SELECT * FROM " + qualified + " VERSION AS OF " + snapshot);
      // Iceberg's incremental read: the rows of the append snapshots after `from` up to `snapshot`
      // (compactions, which Lagoa's plan allows on the way, add no rows).
      case "appended" ->
          spark
              .read()
              .format("iceberg")
              .option("start-snapshot-id", Long.toString(input.path("from").asLong()))
              .option("end-snapshot-id", Long.toString(snapshot))
              .load(catalogName + "." + table);
      default ->
          throw new JobException("internal", "Cannot read input: unknown read '" + read + "'");
    };
  }

  /** The table's rows at {@code base} whose {@code keys} (SQL expressions) match a new row's. */
  private Dataset<Row> existingIn(Table table, long base, Dataset<Row> fresh, List<String> keys) {
    Dataset<Row> existing =
        base == 0
            ? spark
                .sql("SELECT * FROM " + quoteName(catalogName + "." + identifierOf(table)))
                .limit(0)
            : spark.sql(
                "SELECT * FROM "
                    + quoteName(catalogName + "." + identifierOf(table))
                    + " VERSION AS OF "
                    + base);
    existing.createOrReplaceTempView("__lagoa_existing");
    fresh.createOrReplaceTempView("__lagoa_fresh");
    StringJoiner select = new StringJoiner(", ");
    StringJoiner on = new StringJoiner(" AND ");
    for (int i = 0; i < keys.size(); i++) {
      select.add(keys.get(i) + " AS k" + i);
      on.add(keys.get(i).replace("__COL__", "e.") + " <=> n.k" + i);
    }
    if (keys.isEmpty()) {
      return existing.limit(0);
    }
    return spark.sql(
        "SELECT e.* FROM __lagoa_existing e LEFT SEMI JOIN (SELECT DISTINCT "
            + select.toString().replace("__COL__", "")
            + " FROM __lagoa_fresh) n ON "
            + on);
  }

  private String identifierOf(Table table) {
    // Iceberg names a catalog's table "<catalog>.<namespace>.<name>".
    String name = table.name();
    return name.startsWith(catalogName + ".") ? name.substring(catalogName.length() + 1) : name;
  }

  /** One SQL expression per partition field, over a row's columns ({@code __COL__} marks them). */
  private List<String> partitionKeys(Table table) {
    List<String> keys = new ArrayList<>();
    for (PartitionField field : table.spec().fields()) {
      String column = "__COL__" + quote(table.schema().findColumnName(field.sourceId()));
      String transform = field.transform().toString();
      String system = quote(catalogName) + ".system.";
      if (transform.equals("identity")) {
        keys.add(column);
      } else if (transform.matches("year|month|day|hour")) {
        keys.add(system + transform + "s(" + column + ")");
      } else if (transform.matches("(truncate|bucket)\\[\\d+]")) {
        String width = transform.substring(transform.indexOf('[') + 1, transform.length() - 1);
        keys.add(
            system
                + transform.substring(0, transform.indexOf('['))
                + "("
                + width
                + ", "
                + column
                + ")");
      } else {
        throw new JobException(
            "user",
            "Cannot rewrite partitions of "
                + table.name()
                + ": transform "
                + transform
                + " is not supported on Spark");
      }
    }
    return keys;
  }

  // ---- combining and writing ----------------------------------------------------------------

  private Dataset<Row> union(Dataset<Row> existing, Dataset<Row> fresh) {
    return existing.withColumn(NEW_ROW, lit(0)).unionByName(fresh, true);
  }

  /** One row per unique key: the first by order_by, then the newest. */
  private Dataset<Row> deduplicated(
      Dataset<Row> rows, List<String> uniqueKey, List<String> orderBy) {
    rows.createOrReplaceTempView(ROWS);
    StringJoiner partition = new StringJoiner(", ");
    uniqueKey.forEach(column -> partition.add(quote(column)));
    String order = (orderBy.isEmpty() ? "" : orderTerms(orderBy) + ", ") + NEW_ROW + " DESC";
    return spark
        .sql(
            "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY "
                + partition
                + " ORDER BY "
                + order
                + ") AS "
                + RANK
                + " FROM "
                + ROWS
                + ") WHERE "
                + RANK
                + " = 1")
        .drop(RANK, NEW_ROW);
  }

  /** The rows with exactly the table's columns, in its order; NULL for those the rows lack. */
  private Dataset<Row> projected(Table table, Dataset<Row> rows) {
    StructType target = SparkSchemaUtil.convert(table.schema());
    TreeSet<String> available = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (StructField field : rows.schema().fields()) {
      available.add(field.name());
    }
    List<Column> columns = new ArrayList<>();
    for (StructField field : target.fields()) {
      Column value = available.contains(field.name()) ? col(quote(field.name())) : lit(null);
      columns.add(value.cast(field.dataType()).as(field.name()));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  private DataFrameWriterV2<Row> writer(
      Dataset<Row> rows, String qualified, Map<String, String> properties, long base) {
    DataFrameWriterV2<Row> writer = rows.writeTo(qualified);
    properties.forEach((key, value) -> writer.option("snapshot-property." + key, value));
    if (base != 0) {
      writer.option("validate-from-snapshot-id", Long.toString(base));
      writer.option("isolation-level", "serializable");
    }
    return writer;
  }

  /**
   * A build whose rows were all dropped still records its bookmark, as Lagoa's DuckDB builder does,
   * so the next run does not read the same rows again: a commit of no files.
   */
  private void emptyCommit(Table table, JsonNode request) {
    var append = table.newAppend();
    map(request.path("properties_if_empty")).forEach(append::set);
    append.commit();
  }

  /**
   * Spark marks columns it knows hold no null ({@code count(*)}) required; Lagoa's tables keep
   * every column optional, so that a later DuckDB build of the same model finds the same table
   * definition.
   */
  private static void optionalColumns(Table table) {
    var update = table.updateSchema();
    boolean changed = false;
    for (var column : table.schema().columns()) {
      if (column.isRequired()) {
        update.makeColumnOptional(column.name());
        changed = true;
      }
    }
    if (changed) {
      update.commit();
    }
  }

  /** Adds the result's new columns to the table, or widens types, as Iceberg allows. */
  private void evolve(Table table, StructType result) {
    try {
      var update = table.updateSchema().unionByNameWith(SparkSchemaUtil.convert(result));
      if (!update.apply().sameSchema(table.schema())) {
        update.commit();
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new JobException(
          "user",
          "Cannot write the columns of the model to "
              + table.name()
              + ": "
              + e.getMessage()
              + "; rebuild it with --full-refresh");
    }
  }

  private static boolean sameColumns(Schema table, StructType rows) {
    return TypeUtil.assignIncreasingFreshIds(table.asStruct().asSchema())
        .asStruct()
        .equals(TypeUtil.assignIncreasingFreshIds(SparkSchemaUtil.convert(rows)).asStruct());
  }

  private static List<String> describe(Table table) {
    List<String> fields = new ArrayList<>();
    for (PartitionField field : table.spec().fields()) {
      fields.add(field.transform() + "(" + table.schema().findColumnName(field.sourceId()) + ")");
    }
    return fields;
  }

  /** partition_by entries ({@code event_date}, {@code day(ts)}) as Iceberg describes fields. */
  private static List<String> wanted(List<String> partitionBy) {
    List<String> fields = new ArrayList<>();
    for (String entry : partitionBy) {
      Transform transform = Transform.parse(entry);
      fields.add(transform.icebergName() + "(" + transform.column() + ")");
    }
    return fields;
  }

  @SuppressWarnings("deprecation")
  private static List<Column> partitionColumns(List<String> partitionBy) {
    List<Column> columns = new ArrayList<>();
    for (String entry : partitionBy) {
      Transform transform = Transform.parse(entry);
      Column column = col(quote(transform.column()));
      columns.add(
          switch (transform.name()) {
            case "identity" -> column;
            case "year" -> functions.years(column);
            case "month" -> functions.months(column);
            case "day" -> functions.days(column);
            case "hour" -> functions.hours(column);
            case "bucket" -> functions.bucket(lit(transform.width()), column);
            default ->
                throw new JobException(
                    "user",
                    "Cannot partition by "
                        + entry
                        + " on Spark: use a column, year/month/day/hour(col) or bucket(col, n)");
          });
    }
    return columns;
  }

  /**
   * One partition_by entry as Lagoa writes it: {@code col}, {@code day(col)}, {@code truncate(col,
   * 4)}.
   */
  private record Transform(String name, String column, int width) {
    static Transform parse(String entry) {
      String text = entry.trim();
      int open = text.indexOf('(');
      if (open < 0) {
        return new Transform("identity", text, 0);
      }
      String name = text.substring(0, open).trim().toLowerCase(Locale.ROOT);
      String[] arguments = text.substring(open + 1, text.lastIndexOf(')')).split(",");
      int width = arguments.length > 1 ? Integer.parseInt(arguments[1].trim()) : 0;
      return new Transform(name, arguments[0].trim(), width);
    }

    String icebergName() {
      return width > 0 ? name + "[" + width + "]" : name;
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private Catalog icebergCatalog() {
    return ((SparkCatalog) spark.sessionState().catalogManager().catalog(catalogName))
        .icebergCatalog();
  }

  private List<String> rowsAsJson(String condition, int limit) {
    Dataset<Row> rows =
        spark.sql(
            "SELECT to_json(struct("
                + jsonColumns(batch.schema())
                + ")) FROM "
                + BATCH
                + " WHERE "
                + condition);
    List<String> result = new ArrayList<>();
    for (Row row : (limit == Integer.MAX_VALUE ? rows : rows.limit(limit)).collectAsList()) {
      result.add(row.getString(0));
    }
    return result;
  }

  /**
   * The columns of a row as Lagoa's DuckDB engine writes them in {@code row_json} (quarantine,
   * samples), so both engines quarantine the same text: timestamps as {@code 2025-10-29 19:00:00}
   * with the fraction of a second only when there is one, its trailing zeros dropped, and {@code
   * +00} after a timestamp with time zone (both sessions are in UTC); Spark's own {@code to_json}
   * writes {@code 2025-10-29T19:00:00.000}.
   */
  private static String jsonColumns(StructType schema) {
    StringJoiner columns = new StringJoiner(", ");
    for (StructField field : schema.fields()) {
      String name = quote(field.name());
      String text =
          "regexp_replace(date_format("
              + name
              + ", 'yyyy-MM-dd HH:mm:ss.SSSSSS'), '\\\\.?0+$', '')";
      if (field.dataType() instanceof org.apache.spark.sql.types.TimestampNTZType) {
        columns.add(text + " AS " + name);
      } else if (field.dataType() instanceof org.apache.spark.sql.types.TimestampType) {
        columns.add("concat(" + text + ", '+00') AS " + name);
      } else {
        columns.add(name);
      }
    }
    return columns.toString();
  }

  private void release() {
    dropStaged();
    if (batch != null) {
      batch.unpersist();
    }
    batch = null;
    kept = null;
  }

  private static String passing(JsonNode expectation) {
    return "coalesce((" + expectation.path("condition").asText() + "), false)";
  }

  private static String failing(JsonNode expectation) {
    return "NOT " + passing(expectation);
  }

  /** DuckDB puts nulls last in both directions, Spark first when ascending: say it explicitly. */
  private static String orderTerms(List<String> orderBy) {
    StringJoiner terms = new StringJoiner(", ");
    for (String term : orderBy) {
      terms.add(term.toUpperCase(Locale.ROOT).contains("NULLS") ? term : term + " NULLS LAST");
    }
    return terms.toString();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static Map<String, String> map(JsonNode object) {
    Map<String, String> values = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      values.put(entry.getKey(), entry.getValue().asText());
    }
    return values;
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  private static String quoteName(String dotted) {
    StringJoiner parts = new StringJoiner(".");
    for (String part : dotted.split("\\.")) {
      parts.add(quote(part));
    }
    return parts.toString();
  }
}
