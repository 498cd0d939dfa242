package dev.lagoa.spark.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unbase64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.LagoaException;
import dev.lagoa.ingest.FileTasks;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The landing loader's work on Spark (see {@code dev.lagoa.ingest.SparkLoad} on Lagoa's side):
 * {@link #read} has Spark tasks read landing files with Lagoa's own readers and record checks
 * ({@link FileTasks}) and keeps what they produce; {@link #write} writes the rows, and the
 * quarantined records, to branches Lagoa created, which Lagoa then commits to {@code main} with its
 * ledger.
 */
final class FileLoads {
  private static final String SOURCE_FILE = "_source_file";
  private static final String LINE = "_line";
  private static final String INGESTED_AT = "_ingested_at";
  private static final String RESCUED_DATA = "_rescued_data";
  private static final Set<String> METADATA = Set.of(SOURCE_FILE, LINE, INGESTED_AT, RESCUED_DATA);

  private final SparkSession spark;
  private final String catalogName;
  private final ObjectMapper json;
  // What the tasks of the last read produced, one line each, tagged by its first character: R a
  // row (staging NDJSON), Q a quarantined record, O a file's outcome, S a task's shape.
  private JavaRDD<String> lines;

  FileLoads(SparkSession spark, String catalogName, ObjectMapper json) {
    this.spark = spark;
    this.catalogName = catalogName;
    this.json = json;
  }

  /** Reads a batch of landing files in Spark tasks; answers each file's outcome and the shapes. */
  ObjectNode read(JsonNode request) {
    drop();
    String tasks = request.path("tasks").asText();
    FileTasks.decode(tasks); // a request this job cannot read fails here, not in every task
    List<String> files = new ArrayList<>();
    for (JsonNode file : request.path("files")) {
      files.add(file.toString());
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(files.size(), context.defaultParallelism() * 4));
    JavaRDD<String> read = context.parallelize(files, slices).mapPartitions(new ReadFiles(tasks));
    read.persist(StorageLevel.MEMORY_AND_DISK());
    List<String> summary;
    try {
      summary = read.filter(line -> line.charAt(0) == 'O' || line.charAt(0) == 'S').collect();
    } catch (RuntimeException e) {
      read.unpersist(false);
      throw lagoaError(e);
    }
    lines = read;
    ObjectNode answer = json.createObjectNode();
    ArrayNode outcomes = answer.putArray("files");
    ArrayNode shapes = answer.putArray("shapes");
    List<JsonNode> byIndex = new ArrayList<>();
    for (String line : summary) {
      if (line.charAt(0) == 'S') {
        shapes.add(line.substring(1));
      } else {
        try {
          byIndex.add(json.readTree(line.substring(1)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    byIndex.sort(Comparator.comparingInt(node -> node.path("index").asInt()));
    byIndex.forEach(outcomes::add);
    return answer;
  }

  /**
   * Writes the rows of the last read to branch {@code branch} of {@code table} and its quarantined
   * records to the same branch of {@code quarantine_table}, as appends Lagoa then commits.
   */
  ObjectNode write(JsonNode request)
      throws org.apache.spark.sql.catalyst.analysis.NoSuchTableException {
    if (lines == null) {
      throw new JobException("internal", "Cannot write a load: nothing was read");
    }
    String table = request.path("table").asText();
    String branch = request.path("branch").asText();
    Instant ingestedAt = Instant.parse(request.path("ingested_at").asText());
    List<String> files = new ArrayList<>();
    request.path("files").forEach(file -> files.add(file.asText()));
    Column ingested = lit(ingestedAt);
    if (request.path("rows").asLong() > 0) {
      StructType schema = spark.table(quoteName(catalogName + "." + table)).schema();
      StructType record = new StructType();
      for (StructField field : schema.fields()) {
        if (!METADATA.contains(field.name())) {
          record = record.add(field.name(), field.dataType(), true);
        }
      }
      record =
          record
              .add("__lagoa_file", DataTypes.IntegerType)
              .add("__lagoa_line", DataTypes.LongType)
              .add("__lagoa_rescued", DataTypes.StringType);
      Column j = col("j");
      Column fileNames = lit(files.toArray(new String[0]));
      List<Column> columns = new ArrayList<>();
      for (StructField field : schema.fields()) {
        Column value =
            switch (field.name()) {
              case SOURCE_FILE -> element_at(fileNames, j.getField("__lagoa_file").plus(1));
              case LINE -> j.getField("__lagoa_line");
              case INGESTED_AT -> ingested;
              case RESCUED_DATA -> j.getField("__lagoa_rescued");
              default -> j.getField(field.name());
            };
        columns.add(value.cast(field.dataType()).as(field.name()));
      }
      tagged('R')
          .select(from_json(col("value"), record).as("j"))
          .select(columns.toArray(new Column[0]))
          .writeTo(quoteName(catalogName + "." + table + ".branch_" + branch))
          .append();
    }
    if (request.hasNonNull("quarantine_table") && request.path("quarantined").asLong() > 0) {
      StructType record =
          new StructType()
              .add("file", DataTypes.StringType)
              .add("line", DataTypes.LongType)
              .add("reason", DataTypes.StringType)
              .add("raw", DataTypes.StringType);
      Column q = col("q");
      tagged('Q')
          .select(from_json(col("value"), record).as("q"))
          .select(
              q.getField("file").as(SOURCE_FILE),
              q.getField("line").as(LINE),
              q.getField("reason").as("reason"),
              unbase64(q.getField("raw")).as("raw"),
              ingested.as(INGESTED_AT))
          .writeTo(
              quoteName(
                  catalogName
                      + "."
                      + request.path("quarantine_table").asText()
                      + ".branch_"
                      + branch))
          .append();
    }
    drop();
    return json.createObjectNode();
  }

  private Dataset<Row> tagged(char tag) {
    JavaRDD<String> selected =
        lines.filter(line -> line.charAt(0) == tag).map(line -> line.substring(1));
    return spark.createDataset(selected.rdd(), Encoders.STRING()).toDF("value");
  }

  /**
   * The error a task's Lagoa code raised (a record the {@code fail} policy refuses, a landing file
   * that cannot be read), with its category and message, rather than Spark's stage failure around
   * it; anything else as it is.
   */
  private static RuntimeException lagoaError(RuntimeException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof LagoaException lagoa) {
        String category =
            switch (lagoa.category()) {
              case USER_INPUT -> "user";
              case EXTERNAL -> "external";
              default -> "internal";
            };
        return new JobException(category, lagoa.getMessage());
      }
    }
    return failure;
  }

  /** Forgets the last read. */
  void drop() {
    if (lines != null) {
      lines.unpersist(false);
      lines = null;
    }
  }

  private static String quoteName(String dotted) {
    StringJoiner parts = new StringJoiner(".");
    for (String part : dotted.split("\\.")) {
      parts.add(ModelBuilds.quote(part));
    }
    return parts.toString();
  }

  /**
   * One task: reads its files with Lagoa's reader into a local file, then hands its lines to Spark
   * (which keeps them, persisted) and deletes it.
   */
  private static final class ReadFiles implements FlatMapFunction<Iterator<String>, String> {
    private static final long serialVersionUID = 1L;
    private final String tasks;

    ReadFiles(String tasks) {
      this.tasks = tasks;
    }

    @Override
    public Iterator<String> call(Iterator<String> files) throws Exception {
      ObjectMapper mapper = new ObjectMapper();
      Path directory = Files.createTempDirectory("lagoa-load-");
      Path rows = directory.resolve("rows.ndjson");
      Path other = directory.resolve("other.jsonl");
      try (FileTasks.Task task = FileTasks.decode(tasks).task(new HadoopOpener(), rows);
          BufferedWriter out = Files.newBufferedWriter(other, StandardCharsets.UTF_8)) {
        while (files.hasNext()) {
          JsonNode file = mapper.readTree(files.next());
          String outcome =
              task.read(
                  file.path("index").asInt(),
                  file.path("path").asText(),
                  file.path("name").asText(),
                  file.path("size").asLong(),
                  file.path("modified").asLong(),
                  quarantined -> {
                    try {
                      out.write('Q');
                      out.write(quarantined);
                      out.newLine();
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
          out.write('O');
          out.write(outcome);
          out.newLine();
        }
        out.write('S');
        out.write(task.shape());
        out.newLine();
      }
      return new TaggedLines(directory, List.of(rows, other), List.of('R', '\0'));
    }
  }

  /** The lines of a task's files, tagged, deleting the files once read. */
  private static final class TaggedLines implements Iterator<String> {
    private final Path directory;
    private final List<Path> files;
    private final List<Character> tags;
    private int current = -1;
    private BufferedReader reader;
    private String next;

    TaggedLines(Path directory, List<Path> files, List<Character> tags) {
      this.directory = directory;
      this.files = files;
      this.tags = tags;
      advance();
    }

    private void advance() {
      try {
        while (true) {
          if (reader != null) {
            String line = reader.readLine();
            if (line != null) {
              char tag = tags.get(current);
              next = tag == '\0' ? line : tag + line;
              return;
            }
            reader.close();
            reader = null;
          }
          if (++current == files.size()) {
            next = null;
            try (Stream<Path> left = Files.list(directory)) {
              for (Path file : left.toList()) {
                Files.deleteIfExists(file);
              }
            }
            Files.deleteIfExists(directory);
            return;
          }
          reader = Files.newBufferedReader(files.get(current), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public String next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      String line = next;
      advance();
      return line;
    }
  }

  /** Opens landing files through Hadoop's file systems (local paths here). */
  private static final class HadoopOpener implements FileTasks.Opener {
    private static final long serialVersionUID = 1L;

    @Override
    public InputStream open(Path path) throws IOException {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path.toUri());
      try {
        return file.getFileSystem(new Configuration()).open(file);
      } catch (FileNotFoundException e) {
        throw new NoSuchFileException(path.toString());
      }
    }
  }
}
