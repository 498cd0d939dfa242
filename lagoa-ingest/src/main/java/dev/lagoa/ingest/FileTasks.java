package dev.lagoa.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.core.config.SourceField;
import dev.lagoa.ingest.discovery.LandingFile;
import dev.lagoa.ingest.quarantine.QuarantinedRecord;
import dev.lagoa.ingest.schema.Conformer;
import dev.lagoa.ingest.schema.Shape;
import dev.lagoa.ingest.stage.StagingWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lagoa's own reading of landing files, shipped to the tasks of a distributed engine (Spark): the
 * source's reading settings and the {@link Conformer} the loader learned from its sample, as one
 * serializable value. Each task reads its files with the same readers and checks every record with
 * the same conformer as the DuckDB loader, so the same rules decide what loads, what is rescued and
 * what is quarantined on both engines.
 *
 * <p>A task's output is text: the rows as the loader's staging NDJSON ({@link StagingWriter}: the
 * record with its file index, line and rescued values), each quarantined record as a JSON line
 * ({@link #quarantineLine}), one JSON outcome a file ({@link Task#read}), and the task's conformer
 * shape at the end ({@link Task#shape}), which the loader merges to find the columns the files
 * added.
 */
public final class FileTasks implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Opens a landing file for reading; throws {@link java.nio.file.NoSuchFileException} if gone. */
  @FunctionalInterface
  public interface Opener extends Serializable {
    InputStream open(Path path) throws IOException;
  }

  private final String name;
  private final String table;
  private final FileFormat format;
  private final int maxRecordBytes;
  private final boolean csvHeader;
  private final char csvDelimiter;
  private final char csvQuote;
  private final String csvEncoding;
  private final int csvSkipLines;
  private final int csvFooterLines;
  private final SchemaPolicy policy;
  private final ArrayList<SourceField> fields;
  private final byte[] conformer;

  private FileTasks(FilesSourceConfig source, Conformer conformer) {
    if (source.format() == FileFormat.PARQUET) {
      throw LagoaException.userInput(
          "Cannot load source %s on Spark: its format is parquet, which Lagoa's loader converts"
              + " with DuckDB; load it with engine: duckdb",
          source.name());
    }
    this.name = source.name();
    this.table = source.table();
    this.format = source.format();
    this.maxRecordBytes = source.maxRecordBytes();
    this.csvHeader = source.csv().header();
    this.csvDelimiter = source.csv().delimiter();
    this.csvQuote = source.csv().quote();
    this.csvEncoding = source.csv().encoding().name();
    this.csvSkipLines = source.csv().skipLines();
    this.csvFooterLines = source.csvFooterLines();
    this.policy = source.schema().policy();
    this.fields = new ArrayList<>(source.fields());
    this.conformer = serialize(conformer);
  }

  /** The reading of {@code source} with {@code conformer}, as it stands now. */
  public static FileTasks of(FilesSourceConfig source, Conformer conformer) {
    return new FileTasks(source, conformer);
  }

  /** This value as text (Base64 of its Java serialization), for a request to the engine. */
  public String encode() {
    return Base64.getEncoder().encodeToString(serialize(this));
  }

  public static FileTasks decode(String text) {
    return (FileTasks) deserialize(Base64.getDecoder().decode(text));
  }

  /** A shape a task answered with {@link Task#shape}. */
  public static Shape decodeShape(String text) {
    return (Shape) deserialize(Base64.getDecoder().decode(text));
  }

  /** The source as far as reading goes (its directory and batching are the loader's business). */
  private FilesSourceConfig source() {
    return new FilesSourceConfig(
        name,
        Path.of("."),
        "**",
        format,
        table,
        new SchemaOptions(policy, 0, Map.of()),
        new CsvOptions(
            csvHeader, csvDelimiter, csvQuote, Charset.forName(csvEncoding), csvSkipLines),
        csvFooterLines,
        List.of(),
        1,
        maxRecordBytes,
        fields);
  }

  /**
   * A reader for one task, with a conformer of its own (a copy of the loader's), writing the rows
   * of every file it reads to {@code rows}.
   */
  public Task task(Opener opener, Path rows) throws IOException {
    return new Task(opener, rows);
  }

  /** Reads files one after another; not thread-safe. */
  public final class Task implements AutoCloseable {
    private final Conformer own = (Conformer) deserialize(conformer);
    private final StagingWriter writer;
    private final FileIngester ingester;

    private Task(Opener opener, Path rows) throws IOException {
      this.writer = new StagingWriter(rows);
      this.ingester = new FileIngester(source(), own, null, 1, Long.MAX_VALUE, opener);
    }

    /**
     * Reads one landing file: its rows go to this task's rows file, each quarantined record to
     * {@code quarantined} as a {@link #quarantineLine}.
     *
     * @param index the file's index in the batch (the rows carry it)
     * @return the file's outcome as a JSON object: {@code index}, {@code vanished}, {@code rows},
     *     {@code rescued}, {@code out_of_range}, {@code rescued_fields}, {@code quarantined}
     */
    public String read(
        int index,
        String path,
        String fileName,
        long size,
        long modifiedMillis,
        Consumer<String> quarantined)
        throws IOException {
      FileOutcome outcome =
          ingester.ingest(
              index, new LandingFile(fileName, Path.of(path), size, modifiedMillis), writer);
      outcome.quarantined().forEach(record -> quarantined.accept(quarantineLine(record)));
      ObjectNode line = JSON.createObjectNode();
      line.put("index", index);
      line.put("vanished", outcome.vanished());
      line.put("rows", outcome.rows());
      line.put("rescued", outcome.rescued());
      line.put("out_of_range", outcome.outOfRange());
      ObjectNode rescuedFields = line.putObject("rescued_fields");
      outcome.rescuedFields().forEach(rescuedFields::put);
      line.put("quarantined", outcome.quarantined().size());
      return JSON.writeValueAsString(line);
    }

    /** What this task's conformer knows now (columns the files added), as text. */
    public String shape() {
      return Base64.getEncoder().encodeToString(serialize(own.root()));
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }

  /**
   * A quarantined record as one JSON line: {@code file}, {@code line}, {@code reason} and {@code
   * raw} (Base64), the columns of the quarantine table.
   */
  static String quarantineLine(QuarantinedRecord record) {
    ObjectNode line = JSON.createObjectNode();
    line.put("file", record.file());
    line.put("line", record.line());
    line.put("reason", record.reason());
    line.put("raw", Base64.getEncoder().encodeToString(record.raw()));
    try {
      return JSON.writeValueAsString(line);
    } catch (IOException e) {
      throw LagoaException.internal(e, "Cannot write a quarantined record of %s", record.file());
    }
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw LagoaException.internal(e, "Cannot serialize %s: %s", value.getClass(), e);
    }
    return bytes.toByteArray();
  }

  private static Object deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw LagoaException.internal(e, "Cannot read a serialized loader value: %s", e);
    }
  }
}
