package dev.lagoa.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.core.files.ScrapeRun;
import dev.lagoa.core.trace.Phase;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.ConsumedFile;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.StagingBranches;
import dev.lagoa.ingest.discovery.LandingFile;
import dev.lagoa.ingest.ledger.IngestLedger;
import dev.lagoa.ingest.quarantine.QuarantineTable;
import dev.lagoa.ingest.schema.Conformer;
import dev.lagoa.ingest.schema.Shape;
import dev.lagoa.ingest.schema.ShapeSchemas;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Loads one batch of landing files through Lagoa's Spark job, with the DuckDB loader's rules and
 * its commit.
 *
 * <p>Lagoa keeps what decides correctness: discovery and the ledger (in {@link FilesLoader}), the
 * schema sample (read here, bounded by {@code sample_records}, with the same code), the table's new
 * columns, the typed summary and the one commit of rows and ledger. Spark does the work that grows
 * with the landing zone:
 *
 * <ol>
 *   <li>{@code load_read}: its tasks read the files with Lagoa's readers and {@link Conformer}
 *       ({@link FileTasks}), each task with a copy of the sampled shape, and keep the rows; Lagoa
 *       merges the shapes the tasks answer ({@link Shape#mergeFrom}), and reads again with the
 *       merged one in the rare case two tasks typed a new field differently;
 *   <li>Lagoa adds the new columns to the table (or creates it) as the DuckDB loader does;
 *   <li>{@code load_write}: Spark writes the rows, and the quarantined records, each to a branch
 *       Lagoa created for this batch ({@code lagoa_load_<id>}), so their files exist but nothing on
 *       {@code main} changes;
 *   <li>Lagoa commits the files the branch's snapshot added to {@code main} through {@link
 *       IngestLedger#commit}, with the ledger in the same commit, then the quarantine files through
 *       {@link QuarantineTable#commit}, and drops the branches.
 * </ol>
 *
 * A crash before the commit leaves only a branch, which the next load drops: its files are never
 * part of the table, and the files are read again.
 */
final class SparkLoad {
  static final String BRANCH_PREFIX = "lagoa_load_";

  private final LakeCatalog catalog;
  private final DuckEngine engine;
  private final Clock clock;
  private final LoadJob job;
  private final ObjectMapper json = new ObjectMapper();

  SparkLoad(LakeCatalog catalog, DuckEngine engine, Clock clock, LoadJob job) {
    this.catalog = catalog;
    this.engine = engine;
    this.clock = clock;
    this.job = job;
  }

  void loadBatch(
      FilesSourceConfig source,
      List<LandingFile> batch,
      IngestLedger ledger,
      FilesLoader.BatchTotals totals) {
    Table table = catalog.find(source.table()).orElse(null);
    Shape root = table == null ? ShapeSchemas.emptyRoot() : FilesLoader.userShape(table.schema());
    SchemaPolicy policy = table == null ? SchemaPolicy.EVOLVE : source.schema().policy();
    Conformer conformer =
        new Conformer(
            root,
            policy,
            FilesLoader.hints(source),
            source.table(),
            source.format() == FileFormat.CSV);
    Phase.READING.enter(source.name());
    FileTasks.of(source, conformer); // refuses what Spark cannot read before any work
    FileIngester sampler = new FileIngester(source, conformer, engine, 1, Long.MAX_VALUE);
    int sampled = 0;
    for (int i = 0; i < batch.size() && sampled < source.schema().sampleRecords(); i++) {
      sampled +=
          sampler.sample(batch.get(i), source.schema().sampleRecords() - sampled, conformer::learn);
    }
    JsonNode read = read(source, batch, conformer, root);
    List<LandingFile> present = new ArrayList<>();
    long rows = 0;
    long rescued = 0;
    long outOfRange = 0;
    long quarantined = 0;
    for (JsonNode outcome : read.path("files")) {
      LandingFile file = batch.get(outcome.path("index").asInt());
      if (outcome.path("vanished").asBoolean()) {
        totals.vanished.add(file.name());
        continue;
      }
      present.add(file);
      rows += outcome.path("rows").asLong();
      rescued += outcome.path("rescued").asLong();
      outOfRange += outcome.path("out_of_range").asLong();
      quarantined += outcome.path("quarantined").asLong();
      outcome
          .path("rescued_fields")
          .fields()
          .forEachRemaining(
              field ->
                  totals.rescuedFields.merge(field.getKey(), field.getValue().asLong(), Long::sum));
      totals.listener.fileDone(
          totals.filesDone.incrementAndGet(), totals.filesTotal, outcome.path("rows").asLong());
    }
    if (present.isEmpty()) {
      return;
    }
    table =
        FilesLoader.createOrEvolve(catalog, source, table, conformer, root, totals.columnsAdded);

    Phase.STAGING.enter(source.name());
    Instant ingestedAt = clock.instant();
    String id = UUID.randomUUID().toString().replace("-", "");
    String branch = BRANCH_PREFIX + id;
    dropBranches(table);
    long base = createBranch(table, branch);
    Table quarantine = null;
    long quarantineBase = 0;
    if (quarantined > 0) {
      quarantine = QuarantineTable.createOrLoad(catalog, source.table());
      dropBranches(quarantine);
      quarantineBase = createBranch(quarantine, branch);
    }
    ObjectNode write = json.createObjectNode().put("op", "load_write");
    write.put("table", source.table());
    write.put("branch", branch);
    if (quarantine != null) {
      write.put("quarantine_table", QuarantineTable.nameFor(source.table()));
    }
    write.put("ingested_at", ingestedAt.toString());
    write.put("rows", rows);
    write.put("quarantined", quarantined);
    ArrayNode names = write.putArray("files");
    batch.forEach(file -> names.add(file.path().toString()));
    job.request(write);

    table.refresh();
    List<DataFile> dataFiles = StagingBranches.addedFiles(table, branch, base);
    List<String> quarantineFiles = List.of();
    if (quarantine != null) {
      quarantine.refresh();
      quarantineFiles =
          StagingBranches.addedFiles(quarantine, branch, quarantineBase).stream()
              .map(DataFile::location)
              .toList();
    }
    List<ConsumedFile> consumed = present.stream().map(IngestLedger::consumedFile).toList();
    LagoaSummary entries =
        LagoaSummary.empty()
            .withIngest(
                new LagoaSummary.IngestEntry(
                    source.name(), consumed, rows, rescued, quarantined, outOfRange))
            .withQuarantineFiles(quarantineFiles)
            .withScrapeRuns(
                present.stream()
                    .flatMap(file -> ScrapeRun.readManifest(file.path()).stream())
                    .toList());
    Snapshot snapshot = ledger.commit(table, consumed, dataFiles, entries);
    if (quarantine != null) {
      QuarantineTable.commit(quarantine, quarantineFiles, snapshot.snapshotId());
    }
    dropBranches(table);
    if (quarantine != null) {
      dropBranches(quarantine);
    }
    totals.snapshots.add(snapshot.snapshotId());
    totals.filesLoaded += present.size();
    totals.rows.addAndGet(rows);
    totals.rescued.addAndGet(rescued);
    totals.outOfRange.addAndGet(outOfRange);
    totals.quarantined.addAndGet(quarantined);
  }

  /**
   * Has the job read the batch, until the shapes its tasks learned fit the one they read with;
   * answers the job's per-file outcomes.
   */
  private JsonNode read(
      FilesSourceConfig source, List<LandingFile> batch, Conformer conformer, Shape root) {
    for (int pass = 1; ; pass++) {
      ObjectNode request = json.createObjectNode().put("op", "load_read");
      request.put("source", source.name());
      request.put("tasks", FileTasks.of(source, conformer).encode());
      ArrayNode files = request.putArray("files");
      for (int i = 0; i < batch.size(); i++) {
        LandingFile file = batch.get(i);
        files
            .addObject()
            .put("index", i)
            .put("path", file.path().toString())
            .put("name", file.name())
            .put("size", file.size())
            .put("modified", file.modifiedMillis());
      }
      JsonNode answer = job.request(request);
      boolean fits = true;
      for (JsonNode shape : answer.path("shapes")) {
        fits &= root.mergeFrom(FileTasks.decodeShape(shape.asText()));
      }
      if (fits) {
        return answer;
      }
      if (pass == 3) {
        throw LagoaException.internal(
            null,
            "Cannot load source %s on Spark: its tasks still disagree on the types of new fields"
                + " after %d reads",
            source.name(),
            pass);
      }
    }
  }

  /** Creates {@code branch} at the table's current snapshot; answers the snapshot it starts at. */
  private static long createBranch(Table table, String branch) {
    table.manageSnapshots().createBranch(branch).commit();
    table.refresh();
    return table.refs().get(branch).snapshotId();
  }

  /** Drops the branches of loads on Spark: this one's, done, or one a crash left behind. */
  private static void dropBranches(Table table) {
    StagingBranches.dropAll(table, BRANCH_PREFIX);
  }
}
