package dev.lagoa.ingest;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.core.files.Directories;
import dev.lagoa.core.files.ScrapeRun;
import dev.lagoa.core.trace.Phase;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.PartitionSpecs;
import dev.lagoa.iceberg.commit.ConsumedFile;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.ingest.discovery.LandingFile;
import dev.lagoa.ingest.discovery.LandingScanner;
import dev.lagoa.ingest.fields.RecordMapping;
import dev.lagoa.ingest.ledger.IngestLedger;
import dev.lagoa.ingest.quarantine.QuarantineTable;
import dev.lagoa.ingest.quarantine.QuarantinedRecord;
import dev.lagoa.ingest.schema.Conformer;
import dev.lagoa.ingest.schema.Shape;
import dev.lagoa.ingest.schema.ShapeSchemas;
import dev.lagoa.ingest.stage.RejectIsolation;
import dev.lagoa.ingest.stage.StagingWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Loads the new files of a landing directory into a table, each file exactly once.
 *
 * <p>Discovery lists the directory; the table's ledger (its commit history) says which files are
 * already in. New files are read in parallel, each record checked against the table's schema under
 * the source's policy and staged as NDJSON; DuckDB then writes the staged rows as Parquet, and one
 * Iceberg commit adds the rows together with the list of files they came from. Until that commit
 * nothing is visible, so a crash at any point followed by a re-run loads every file exactly once.
 */
public final class FilesLoader {
  public static final String SOURCE_FILE = "_source_file";
  public static final String LINE = "_line";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String RESCUED_DATA = "_rescued_data";

  private final LakeCatalog catalog;
  private final DuckEngine engine;
  private final Clock clock;

  /** From this size on, one file is read on every core (below, files are read side by side). */
  static final long PARALLEL_READ_ABOVE = 32L << 20;

  /** The smallest object size DuckDB is told to expect when reading staged rows. */
  private static final long STAGED_READ_FLOOR = 1L << 20;

  private final int threads;
  private final long parallelReadAbove;
  private LoadJob job;

  public FilesLoader(LakeCatalog catalog, DuckEngine engine, Clock clock, int threads) {
    this(catalog, engine, clock, threads, PARALLEL_READ_ABOVE);
  }

  /** With another size from which one file is read on every core (tests use small ones). */
  FilesLoader(
      LakeCatalog catalog, DuckEngine engine, Clock clock, int threads, long parallelReadAbove) {
    this.catalog = catalog;
    this.engine = engine;
    this.clock = clock;
    this.threads = threads;
    this.parallelReadAbove = parallelReadAbove;
  }

  /**
   * Reads and writes the batches through a distributed engine's job (Spark) from now on; discovery,
   * the ledger, the schema and the commits stay here ({@link SparkLoad}).
   */
  public FilesLoader onJob(LoadJob job) {
    this.job = job;
    return this;
  }

  public LoadReport load(FilesSourceConfig source, LoadListener listener) {
    Phase.DISCOVERY.enter(source.name());
    Table existing = catalog.find(source.table()).orElse(null);
    int recovered =
        existing == null ? 0 : QuarantineTable.recover(catalog, source.table(), existing);
    IngestLedger ledger = IngestLedger.open(existing, source.name());
    Map<String, ConsumedFile> consumed = ledger.consumed();
    List<LandingFile> newFiles = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    int skipped = 0;
    for (LandingFile file : LandingScanner.scan(source.directory(), source.pattern())) {
      ConsumedFile previous = consumed.get(file.name());
      if (previous == null) {
        newFiles.add(file);
      } else if (previous.size() != file.size()
          || previous.modifiedMillis() != file.modifiedMillis()) {
        changed.add(file.name());
      } else {
        skipped++;
      }
    }
    BatchTotals totals = new BatchTotals(newFiles.size(), listener);
    for (int start = 0; start < newFiles.size(); start += source.batchFiles()) {
      List<LandingFile> batch =
          newFiles.subList(start, Math.min(newFiles.size(), start + source.batchFiles()));
      loadBatchNamingFiles(source, batch, ledger, totals);
    }
    if (catalog.find(source.table()).isPresent()) {
      // Exists, empty, from the first load on, so queries of it work before anything is
      // quarantined.
      QuarantineTable.createOrLoad(catalog, source.table());
    }
    return new LoadReport(
        source.name(),
        source.table(),
        totals.filesLoaded,
        skipped,
        changed,
        totals.vanished,
        totals.rows.get(),
        totals.rescued.get(),
        totals.quarantined.get(),
        totals.columnsAdded,
        totals.snapshots,
        recovered,
        totals.rescuedFields,
        totals.outOfRange.get());
  }

  /** Running totals of one load across its batches. */
  static final class BatchTotals {
    final int filesTotal;
    final LoadListener listener;
    final AtomicInteger filesDone = new AtomicInteger();
    final AtomicLong rows = new AtomicLong();
    final AtomicLong rescued = new AtomicLong();
    final AtomicLong outOfRange = new AtomicLong();
    final AtomicLong quarantined = new AtomicLong();
    final List<String> vanished = new ArrayList<>();
    final List<String> columnsAdded = new ArrayList<>();
    final List<Long> snapshots = new ArrayList<>();
    final Map<String, Long> rescuedFields = new java.util.TreeMap<>();
    int filesLoaded;

    BatchTotals(int filesTotal, LoadListener listener) {
      this.filesTotal = filesTotal;
      this.listener = listener;
    }
  }

  /**
   * Loads one batch, and names its landing files when it fails: the batch's error may come from a
   * step (staging, commit) that knows only temporary files.
   */
  private void loadBatchNamingFiles(
      FilesSourceConfig source, List<LandingFile> batch, IngestLedger ledger, BatchTotals totals) {
    try {
      if (job == null) {
        loadBatch(source, batch, ledger, totals);
      } else {
        new SparkLoad(catalog, engine, clock, job).loadBatch(source, batch, ledger, totals);
      }
    } catch (LagoaException e) {
      if (batch.stream().anyMatch(file -> String.valueOf(e.getMessage()).contains(file.name()))) {
        throw e;
      }
      throw new LagoaException(
          e.category(),
          String.format(
              "Cannot load %s of source %s: %s", describe(batch), source.name(), e.getMessage()),
          e);
    } catch (OutOfMemoryError e) {
      throw new LagoaException(
          dev.lagoa.core.ErrorCategory.EXTERNAL,
          String.format(
              "Cannot load %s of source %s: out of memory (Java heap %d MB). Give Lagoa more heap"
                  + " (LAGOA_JAVA_OPTS=-Xmx8g) or lower the source's batch_files",
              describe(batch), source.name(), Runtime.getRuntime().maxMemory() >> 20),
          e);
    }
  }

  private static String describe(List<LandingFile> batch) {
    return batch.size() == 1
        ? "landing file " + batch.get(0).path()
        : batch.size()
            + " landing files ("
            + batch.get(0).path()
            + " … "
            + batch.get(batch.size() - 1).path()
            + ")";
  }

  /** Loads one batch of files in one commit, recording them in {@code ledger}. */
  private void loadBatch(
      FilesSourceConfig source, List<LandingFile> batch, IngestLedger ledger, BatchTotals totals) {
    Table table = catalog.find(source.table()).orElse(null);
    Shape root = table == null ? ShapeSchemas.emptyRoot() : userShape(table.schema());
    // A table that does not exist yet learns its columns from the data whatever the policy.
    SchemaPolicy policy = table == null ? SchemaPolicy.EVOLVE : source.schema().policy();
    Conformer conformer =
        new Conformer(
            root, policy, hints(source), source.table(), source.format() == FileFormat.CSV);
    Path staging = createStaging();
    try {
      Phase.READING.enter(source.name());
      BatchRead read = readBatch(source, batch, conformer, staging, totals);
      List<FileOutcome> outcomes = read.outcomes();
      List<FileOutcome> present = outcomes.stream().filter(outcome -> !outcome.vanished()).toList();
      outcomes.stream()
          .filter(FileOutcome::vanished)
          .forEach(outcome -> totals.vanished.add(outcome.file().name()));
      if (present.isEmpty()) {
        return;
      }
      table = createOrEvolve(catalog, source, table, conformer, root, totals.columnsAdded);
      Phase.STAGING.enter(source.name());
      Instant ingestedAt = clock.instant();
      TableWriter writer = new TableWriter(engine, clock);
      long staged = present.stream().mapToLong(FileOutcome::rows).sum();
      List<QuarantinedRecord> quarantined =
          new ArrayList<>(
              present.stream().flatMap(outcome -> outcome.quarantined().stream()).toList());
      List<DataFile> dataFiles = List.of();
      if (staged > 0) {
        Table target = table;
        RejectIsolation.Outcome<DataFile> written =
            RejectIsolation.write(
                stagedFiles(staging),
                files ->
                    writer.writeFiles(
                        target, stagedRows(target, batch, files, ingestedAt, read.longestLine())),
                staging);
        dataFiles = written.written();
        for (RejectIsolation.Rejected rejected : written.rejected()) {
          quarantined.add(
              new QuarantinedRecord(
                  batch.get(rejected.file()).path().toString(),
                  rejected.line(),
                  rejected.reason(),
                  rejected.raw()));
        }
        staged -= written.rejected().size();
      }
      Table quarantine = null;
      List<String> quarantineFiles = List.of();
      if (!quarantined.isEmpty()) {
        quarantine = QuarantineTable.createOrLoad(catalog, source.table());
        quarantineFiles =
            QuarantineTable.write(writer, quarantine, quarantined, ingestedAt, staging).stream()
                .map(DataFile::location)
                .toList();
      }
      List<ConsumedFile> consumed =
          present.stream().map(outcome -> IngestLedger.consumedFile(outcome.file())).toList();
      LagoaSummary entries =
          LagoaSummary.empty()
              .withIngest(
                  new LagoaSummary.IngestEntry(
                      source.name(),
                      consumed,
                      staged,
                      present.stream().mapToLong(FileOutcome::rescued).sum(),
                      quarantined.size(),
                      present.stream().mapToLong(FileOutcome::outOfRange).sum()))
              .withQuarantineFiles(quarantineFiles)
              .withScrapeRuns(
                  present.stream()
                      .flatMap(outcome -> ScrapeRun.readManifest(outcome.file().path()).stream())
                      .toList());
      Snapshot snapshot = ledger.commit(table, consumed, dataFiles, entries);
      if (quarantine != null) {
        QuarantineTable.commit(quarantine, quarantineFiles, snapshot.snapshotId());
      }
      totals.snapshots.add(snapshot.snapshotId());
      totals.filesLoaded += present.size();
      totals.rows.addAndGet(staged);
      totals.rescued.addAndGet(present.stream().mapToLong(FileOutcome::rescued).sum());
      totals.outOfRange.addAndGet(present.stream().mapToLong(FileOutcome::outOfRange).sum());
      present.forEach(
          outcome ->
              outcome
                  .rescuedFields()
                  .forEach((f, n) -> totals.rescuedFields.merge(f, n, Long::sum)));
      totals.quarantined.addAndGet(quarantined.size());
    } finally {
      Directories.deleteQuietly(staging);
    }
  }

  /** What reading a batch gave: each file's outcome, and the longest line staged. */
  private record BatchRead(List<FileOutcome> outcomes, long longestLine) {}

  private BatchRead readBatch(
      FilesSourceConfig source,
      List<LandingFile> batch,
      Conformer conformer,
      Path staging,
      BatchTotals totals) {
    int workers = Math.max(1, Math.min(threads, batch.size()));
    BlockingQueue<StagingWriter> writers = new ArrayBlockingQueue<>(workers);
    StagingWriter first;
    ExecutorService executor =
        Executors.newFixedThreadPool(
            workers,
            runnable -> {
              Thread thread = new Thread(runnable, "lagoa-ingest");
              thread.setDaemon(true);
              return thread;
            });
    try {
      first = new StagingWriter(staging.resolve("rows-0.ndjson"));
      writers.add(first);
      for (int i = 1; i < workers; i++) {
        writers.add(first.sibling("rows-" + i + ".ndjson"));
      }
      FileIngester ingester =
          new FileIngester(source, conformer, engine, threads, parallelReadAbove);
      if (source.format() == FileFormat.PARQUET) {
        // Parquet carries types: a column's type is the file's, even when it holds only NULLs.
        for (LandingFile file : batch) {
          FileIngester.parquetColumns(file).forEach(conformer::declareColumn);
        }
      }
      int sampled = 0;
      for (int i = 0; i < batch.size() && sampled < source.schema().sampleRecords(); i++) {
        sampled +=
            ingester.sample(
                batch.get(i), source.schema().sampleRecords() - sampled, conformer::learn);
      }
      List<Future<FileOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        int index = i;
        LandingFile file = batch.get(i);
        futures.add(
            executor.submit(
                () -> {
                  StagingWriter writer = writers.take();
                  try {
                    FileOutcome outcome = ingester.ingest(index, file, writer);
                    totals.listener.fileDone(
                        totals.filesDone.incrementAndGet(), totals.filesTotal, outcome.rows());
                    return outcome;
                  } finally {
                    writers.add(writer);
                  }
                }));
      }
      List<FileOutcome> outcomes = new ArrayList<>();
      for (Future<FileOutcome> future : futures) {
        outcomes.add(future.get());
      }
      return new BatchRead(outcomes, first.longestLine());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof LagoaException lagoa) {
        throw lagoa;
      }
      if (e.getCause() instanceof OutOfMemoryError memory) {
        throw memory;
      }
      throw LagoaException.internal(
          e.getCause(), "Cannot ingest source %s: %s", source.name(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LagoaException.internal(e, "Cannot ingest source %s: interrupted", source.name());
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot write staging files in %s: %s", staging, e.getMessage());
    } finally {
      executor.shutdownNow();
      for (StagingWriter writer : writers) {
        try {
          writer.close();
        } catch (IOException e) {
          throw LagoaException.external(
              e, "Cannot write staging files in %s: %s", staging, e.getMessage());
        }
      }
    }
  }

  /**
   * The table a batch writes to, as the batch's records shaped it: created with every column the
   * shape holds, or given the columns the batch added (recorded in {@code columnsAdded}). A
   * declared field is a column from the start, even when no record had a value for it yet (one
   * whose type is auto holds text until then). Shared by the loader on DuckDB and on Spark.
   */
  static Table createOrEvolve(
      LakeCatalog catalog,
      FilesSourceConfig source,
      Table table,
      Conformer conformer,
      Shape root,
      List<String> columnsAdded) {
    source.fields().forEach(field -> conformer.declareIfAbsent(field.name()));
    if (table == null) {
      Schema schema = ShapeSchemas.newTableSchema(root, metadataColumns());
      return catalog.create(
          source.table(), schema, PartitionSpecs.parse(schema, source.partitionBy()));
    }
    if (root.hasPending()) {
      var update = table.updateSchema();
      columnsAdded.addAll(ShapeSchemas.addPendingColumns(root, update));
      update.commit();
      table.refresh();
    }
    return table;
  }

  /** DuckDB SQL selecting the staged rows as the table's columns. */
  private String stagedRows(
      Table table,
      List<LandingFile> batch,
      List<Path> stagedFiles,
      Instant ingestedAt,
      long longestLine) {
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    StringJoiner select = new StringJoiner(", ");
    for (Types.NestedField field : table.schema().columns()) {
      switch (field.name()) {
        case SOURCE_FILE -> select.add("b.name AS " + quote(SOURCE_FILE));
        case LINE -> select.add("j." + StagingWriter.LINE_FIELD + " AS " + quote(LINE));
        case INGESTED_AT ->
            select.add(
                "TIMESTAMPTZ " + literal(ingestedAt.toString()) + " AS " + quote(INGESTED_AT));
        case RESCUED_DATA ->
            select.add("j." + StagingWriter.RESCUED_FIELD + " AS " + quote(RESCUED_DATA));
        default -> {
          columns.add(literal(field.name()) + ": " + literal(DuckTypes.sqlType(field.type())));
          select.add("j." + quote(field.name()));
        }
      }
    }
    columns.add(literal(StagingWriter.FILE_FIELD) + ": 'INTEGER'");
    columns.add(literal(StagingWriter.LINE_FIELD) + ": 'BIGINT'");
    columns.add(literal(StagingWriter.RESCUED_FIELD) + ": 'VARCHAR'");
    StringJoiner names = new StringJoiner(", ");
    for (int i = 0; i < batch.size(); i++) {
      names.add("(" + i + ", " + literal(batch.get(i).path().toString()) + ")");
    }
    StringJoiner files = new StringJoiner(", ", "[", "]");
    stagedFiles.forEach(path -> files.add(literal(path.toString())));
    // DuckDB's read buffer follows this size: one sized for the source's largest allowed record
    // (64 MB by default) rather than the largest staged one cost it a third more CPU per row.
    long maxObject = Math.max(STAGED_READ_FLOOR, longestLine + 1024);
    return "SELECT "
        + select
        + " FROM read_json("
        + files
        + ", format = 'newline_delimited', records = true,"
        + " maximum_object_size = "
        + Math.min(maxObject, Integer.MAX_VALUE)
        + ", columns = "
        + columns
        + ") AS j"
        + " JOIN (VALUES "
        + names
        + ") AS b(idx, name) ON j."
        + StagingWriter.FILE_FIELD
        + " = b.idx";
  }

  private static List<Path> stagedFiles(Path staging) {
    try (Stream<Path> staged = Files.list(staging)) {
      return staged
          .filter(path -> path.getFileName().toString().startsWith("rows-"))
          .sorted(Comparator.naturalOrder())
          .toList();
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot list staging files in %s: %s", staging, e.getMessage());
    }
  }

  static Shape userShape(Schema schema) {
    List<Types.NestedField> user =
        schema.columns().stream().filter(field -> !isMetadataColumn(field.name())).toList();
    return ShapeSchemas.of(new Schema(user));
  }

  public static boolean isMetadataColumn(String name) {
    return name.equals(SOURCE_FILE)
        || name.equals(LINE)
        || name.equals(INGESTED_AT)
        || name.equals(RESCUED_DATA);
  }

  public static List<Types.NestedField> metadataColumns() {
    return List.of(
        Types.NestedField.optional(0, SOURCE_FILE, Types.StringType.get()),
        Types.NestedField.optional(0, LINE, Types.LongType.get()),
        Types.NestedField.optional(0, INGESTED_AT, Types.TimestampType.withZone()),
        Types.NestedField.optional(0, RESCUED_DATA, Types.StringType.get()));
  }

  /** The source's schema hints, and the types its declared fields convert their values to. */
  static Map<String, Type> hints(FilesSourceConfig source) {
    Map<String, Type> hints = new HashMap<>();
    Map<String, String> declared = new HashMap<>(RecordMapping.columnTypes(source.fields()));
    declared.putAll(source.schema().hints());
    declared.forEach(
        (path, type) -> {
          try {
            hints.put(path, Types.fromPrimitiveString(type));
          } catch (IllegalArgumentException e) {
            throw LagoaException.userInput(
                "Cannot use schema hint sources.%s.schema.hints.%s: '%s' is not a type (long, double, string, boolean, date, timestamptz, decimal(9,2), ...)",
                source.name(), path, type);
          }
        });
    return hints;
  }

  private static Path createStaging() {
    try {
      return Files.createTempDirectory("lagoa-ingest-");
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot create a staging directory: %s", e.getMessage());
    }
  }
}
