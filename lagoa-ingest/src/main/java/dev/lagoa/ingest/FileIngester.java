package dev.lagoa.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.ingest.discovery.LandingFile;
import dev.lagoa.ingest.fields.RecordMapping;
import dev.lagoa.ingest.quarantine.QuarantinedRecord;
import dev.lagoa.ingest.read.CsvReader;
import dev.lagoa.ingest.read.JsonDocumentReader;
import dev.lagoa.ingest.read.NdjsonReader;
import dev.lagoa.ingest.read.ParallelRead;
import dev.lagoa.ingest.read.RecordHandler;
import dev.lagoa.ingest.read.RecordReader;
import dev.lagoa.ingest.schema.Conformer;
import dev.lagoa.ingest.stage.StagingWriter;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.iceberg.parquet.ParquetSchemaUtil;
import org.apache.iceberg.types.Types;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Reads one landing file, checks each record and stages it or quarantines it. */
final class FileIngester {
  private final FilesSourceConfig source;
  private final Conformer conformer;
  private final DuckEngine engine;

  private final int threads;
  private final long parallelAbove;
  private final FileTasks.Opener opener;

  /**
   * @param threads how many cores one file may use
   * @param parallelAbove the size from which a file is read on {@code threads} cores; smaller files
   *     are read on one (the loader reads several files at once)
   */
  FileIngester(
      FilesSourceConfig source,
      Conformer conformer,
      DuckEngine engine,
      int threads,
      long parallelAbove) {
    this(source, conformer, engine, threads, parallelAbove, Files::newInputStream);
  }

  /**
   * @param opener opens a landing file for reading (throwing {@link NoSuchFileException} when it is
   *     gone): a Spark task reads through Hadoop's file systems
   */
  FileIngester(
      FilesSourceConfig source,
      Conformer conformer,
      DuckEngine engine,
      int threads,
      long parallelAbove,
      FileTasks.Opener opener) {
    this.source = source;
    this.conformer = conformer;
    this.engine = engine;
    this.threads = threads;
    this.parallelAbove = parallelAbove;
    this.opener = opener;
  }

  /** The source's declared fields, per file being read (null when it loads records as they are). */
  private RecordMapping mapping() {
    return source.fields().isEmpty() ? null : new RecordMapping(source.fields());
  }

  private RecordReader reader() {
    return switch (source.format()) {
      case NDJSON -> new NdjsonReader(source.maxRecordBytes());
      case JSON -> new JsonDocumentReader(source.maxRecordBytes());
      case CSV -> new CsvReader(source.csv(), source.csvFooterLines(), source.maxRecordBytes());
      case PARQUET -> new NdjsonReader(Integer.MAX_VALUE); // after conversion, see parquetAsNdjson
    };
  }

  /**
   * Hands at most {@code limit} well-formed records of a file to {@code sample}; returns how many.
   * Malformed records and unreadable files are skipped here: the real read reports them.
   */
  int sample(LandingFile file, int limit, java.util.function.Consumer<ObjectNode> sample) {
    int[] seen = new int[1];
    RecordMapping mapping = mapping();
    String[] titleLines = {""};
    RecordHandler handler =
        new RecordHandler() {
          @Override
          public void titleLines(String text) {
            titleLines[0] = text;
          }

          @Override
          public void record(long line, ObjectNode record, ObjectNode displaced, byte[] original) {
            if (seen[0] >= limit) {
              throw new SampleFull();
            }
            if (mapping != null) {
              RecordMapping.Result mapped = mapping.map(record, file.name(), titleLines[0]);
              if (mapped.row() == null) {
                return;
              }
              record = mapped.row();
            }
            sample.accept(record);
            seen[0]++;
          }

          @Override
          public void malformed(long line, String reason, byte[] raw) {}
        };
    try (InputStream input =
        decompress(
            new BufferedInputStream(
                source.format() == FileFormat.PARQUET
                    ? parquetAsNdjson(file)
                    : opener.open(file.path()),
                1 << 16))) {
      reader().read(input, handler);
    } catch (SampleFull | IOException e) {
      // Enough records, or the file is damaged, gone or unreadable: the real read deals with it.
    }
    return seen[0];
  }

  private static ObjectNode merge(ObjectNode displaced, ObjectNode rescued) {
    if (rescued == null) {
      return displaced;
    }
    if (displaced == null) {
      return rescued;
    }
    displaced.setAll(rescued);
    return displaced;
  }

  /** Stops reading a file once the sample is full. */
  private static final class SampleFull extends RuntimeException {
    SampleFull() {
      super(null, null, false, false);
    }
  }

  FileOutcome ingest(int index, LandingFile file, StagingWriter writer) throws IOException {
    String name = file.path().toString();
    String[] titleLines = {""};
    List<Tally> tallies = new ArrayList<>();
    tallies.add(new Tally(index, name, file.name(), writer, titleLines));
    List<StagingWriter> parts = new ArrayList<>();
    InputStream in;
    try {
      in = source.format() == FileFormat.PARQUET ? parquetAsNdjson(file) : opener.open(file.path());
    } catch (NoSuchFileException e) {
      return FileOutcome.vanished(file);
    }
    try (InputStream input = decompress(new BufferedInputStream(in, 1 << 16))) {
      if (threads > 1 && file.size() >= parallelAbove) {
        // A big file: this thread finds the records, every core checks and stages them, each
        // worker into a staging part of its own.
        for (int i = 1; i < threads; i++) {
          StagingWriter part = writer.sibling("rows-file" + index + "-part" + i + ".ndjson");
          parts.add(part);
          tallies.add(new Tally(index, name, file.name(), part, titleLines));
        }
        try (ParallelRead parallel = new ParallelRead(tallies, "lagoa-ingest-" + index)) {
          reader().read(input, parallel);
        }
      } else {
        reader().read(input, tallies.get(0));
      }
    } catch (EOFException | ZipException e) {
      // Truncated or corrupt compression: what was read before the damage is kept; say where it
      // broke, unless the reader already did.
      List<QuarantinedRecord> quarantined = quarantined(tallies);
      if (quarantined.isEmpty()
          || !quarantined
              .get(quarantined.size() - 1)
              .reason()
              .startsWith("file ends unexpectedly")) {
        Tally first = tallies.get(0);
        first.at(Long.MAX_VALUE);
        first.quarantine(
            new QuarantinedRecord(
                name,
                tallies.stream().mapToLong(tally -> tally.lastLine).max().orElse(0) + 1,
                "file is damaged (truncated gzip?): "
                    + e.getMessage()
                    + "; the rest of the file is not loaded",
                readRaw(file)));
      }
    } catch (UncheckedIOException e) {
      throw LagoaException.external(
          e.getCause(), "Cannot write staging rows for %s: %s", name, e.getCause().getMessage());
    } finally {
      for (StagingWriter part : parts) {
        part.close();
      }
    }
    List<QuarantinedRecord> quarantined = new ArrayList<>(quarantined(tallies));
    long rows = tallies.stream().mapToLong(tally -> tally.rows).sum();
    if (rows == 0 && quarantined.isEmpty()) {
      quarantined.add(new QuarantinedRecord(name, 0, "empty file: no records", new byte[0]));
    }
    Map<String, Long> rescuedFields = new TreeMap<>();
    tallies.forEach(
        tally -> tally.rescuedFields.forEach((f, n) -> rescuedFields.merge(f, n, Long::sum)));
    return new FileOutcome(
        file,
        false,
        rows,
        tallies.stream().mapToLong(tally -> tally.rescued).sum(),
        tallies.stream().mapToLong(tally -> tally.outOfRange).sum(),
        rescuedFields,
        quarantined);
  }

  /** The quarantined records of every worker, in the order of the file. */
  private static List<QuarantinedRecord> quarantined(List<Tally> tallies) {
    if (tallies.size() == 1) {
      return tallies.get(0).quarantined.stream().map(Quarantined::record).toList();
    }
    return tallies.stream()
        .flatMap(tally -> tally.quarantined.stream())
        .sorted(java.util.Comparator.comparingLong(Quarantined::sequence))
        .map(Quarantined::record)
        .toList();
  }

  private record Quarantined(long sequence, QuarantinedRecord record) {}

  /**
   * Checks and stages the records of one file, or of its share of a file read in parallel, and
   * counts what it did.
   */
  private final class Tally implements ParallelRead.Worker {
    private final int index;
    private final String name;
    private final String fileName;
    private final StagingWriter writer;
    private final String[] titleLines;
    private final RecordMapping mapping = mapping();
    private final List<Quarantined> quarantined = new ArrayList<>();
    private final Map<String, Long> rescuedFields = new TreeMap<>();
    private long rows;
    private long rescued;
    private long outOfRange;
    private long lastLine; // the last line a record started on
    private long sequence; // of the record at hand, in file order

    Tally(int index, String name, String fileName, StagingWriter writer, String[] titleLines) {
      this.index = index;
      this.name = name;
      this.fileName = fileName;
      this.writer = writer;
      this.titleLines = titleLines;
    }

    @Override
    public void at(long sequence) {
      this.sequence = sequence;
    }

    void quarantine(QuarantinedRecord record) {
      quarantined.add(new Quarantined(sequence, record));
    }

    @Override
    public void titleLines(String text) {
      titleLines[0] = text;
    }

    @Override
    public boolean offer(long line, byte[] buffer, int length) {
      if (mapping != null || !conformer.fitsAsIs(buffer, length)) {
        return false;
      }
      lastLine = Math.max(lastLine, line);
      try {
        writer.writeOriginal(index, line, buffer, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      rows++;
      return true;
    }

    @Override
    public void record(long line, ObjectNode record, ObjectNode displaced, byte[] original) {
      lastLine = Math.max(lastLine, line);
      if (mapping != null) {
        RecordMapping.Result mapped = mapping.map(record, fileName, titleLines[0]);
        if (mapped.row() == null) {
          quarantine(
              new QuarantinedRecord(
                  name,
                  line,
                  Reasons.printable(mapped.quarantineReason()),
                  original != null
                      ? original
                      : record.toString().getBytes(StandardCharsets.UTF_8)));
          return;
        }
        record = mapped.row();
        displaced = merge(displaced, mapped.rescued());
        original = null; // the row is the mapped one, not the record as written
      }
      Conformer.Outcome outcome = conformer.conform(record, displaced, name, line);
      try {
        if (!outcome.changed() && original != null) {
          writer.writeOriginal(index, line, original);
        } else {
          writer.writeTree(
              index, line, record, outcome.rescued() == null ? null : outcome.rescued().toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      rows++;
      if (outcome.rescued() != null) {
        rescued++;
        if (outcome.outOfRange() > 0) {
          outOfRange++;
        }
        outcome.rescued().fieldNames().forEachRemaining(f -> rescuedFields.merge(f, 1L, Long::sum));
      }
    }

    @Override
    public void malformed(long line, String reason, byte[] raw) {
      lastLine = Math.max(lastLine, line);
      quarantine(new QuarantinedRecord(name, line, Reasons.printable(reason), raw));
    }
  }

  /**
   * The columns a Parquet landing file declares in its footer, with their types (dates, timestamps,
   * decimals, 32-bit integers and columns that hold only NULLs included), or none when the footer
   * cannot be read or holds a type Iceberg has no match for: the rows then say what they can, as
   * JSON would.
   */
  static List<Types.NestedField> parquetColumns(LandingFile file) {
    org.apache.parquet.io.InputFile input = new LocalInputFile(file.path());
    try (SeekableInputStream stream = input.newStream()) {
      ParquetMetadata footer =
          ParquetFileReader.readFooter(input, ParquetReadOptions.builder().build(), stream);
      return ParquetSchemaUtil.convert(footer.getFileMetaData().getSchema()).columns();
    } catch (IOException | RuntimeException e) {
      return List.of(); // a damaged file is reported by the real read
    }
  }

  /**
   * Parquet rows go through the same checks as JSON: DuckDB (on its own connection, since files are
   * read in parallel) converts the file to NDJSON first.
   */
  private InputStream parquetAsNdjson(LandingFile file) throws IOException {
    if (!Files.exists(file.path())) {
      throw new NoSuchFileException(file.path().toString());
    }
    Path converted = Files.createTempFile("lagoa-parquet-", ".ndjson");
    try (DuckEngine connection = engine.duplicate()) {
      // Only the file's own columns: year=/month=/day= folders are a landing layout, not data.
      connection.execute(
          "COPY (SELECT * FROM read_parquet("
              + DuckTypes.literal(file.path().toString())
              + ", hive_partitioning = false)) TO "
              + DuckTypes.literal(converted.toString())
              + " (FORMAT json)");
    } catch (LagoaException e) {
      Files.deleteIfExists(converted);
      throw LagoaException.userInput(
          "Cannot read Parquet file %s: %s", file.path(), e.getMessage());
    }
    return new java.io.FilterInputStream(Files.newInputStream(converted)) {
      @Override
      public void close() throws IOException {
        super.close();
        Files.deleteIfExists(converted);
      }
    };
  }

  private static InputStream decompress(BufferedInputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    if (first == 0x1f && second == 0x8b) {
      return new GZIPInputStream(in, 1 << 16);
    }
    return in;
  }

  /** The first megabyte of a damaged file, as the quarantined raw bytes. */
  private byte[] readRaw(LandingFile file) {
    try (InputStream in = opener.open(file.path())) {
      return in.readNBytes(1 << 20);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
