package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.ingest.schema.Conformer;
import dev.lagoa.ingest.schema.Shape;
import dev.lagoa.ingest.schema.ShapeSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's reading as a Spark task runs it: shipped as text, read with a conformer of the
 * task's own, answering rows, quarantined records, outcomes and the shape the task learned.
 */
class FileTasksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aTaskReadsAFileWithTheShippedConformerAndAnswersRowsQuarantineAndWhatItLearned()
      throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Path file = landing.resolve("a.jsonl");
    Files.writeString(
        file,
        """
        {"id": 1, "temp": 21.5}
        {"id": 2, "temp": "hot"}
        {"id": 3, "temp": 19.0, "site": "porto"}
        {"id": 4,
        """);
    FilesSourceConfig source =
        LoaderFixture.source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    Shape root =
        ShapeSchemas.of(
            new Schema(
                Types.NestedField.optional(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "temp", Types.DoubleType.get())));
    Conformer conformer = new Conformer(root, SchemaPolicy.EVOLVE, Map.of(), "t.a", false);
    String shipped = FileTasks.of(source, conformer).encode();

    List<String> quarantined = new ArrayList<>();
    Path rows = dir.resolve("rows.ndjson");
    JsonNode outcome;
    String shape;
    try (FileTasks.Task task = FileTasks.decode(shipped).task(Files::newInputStream, rows)) {
      outcome =
          JSON.readTree(
              task.read(7, file.toString(), "a.jsonl", Files.size(file), 0, quarantined::add));
      shape = task.shape();
    }

    assertThat(outcome.path("index").asInt()).isEqualTo(7);
    assertThat(outcome.path("rows").asLong()).isEqualTo(3);
    assertThat(outcome.path("rescued").asLong()).isEqualTo(1);
    assertThat(outcome.path("rescued_fields").path("temp").asLong()).isEqualTo(1);
    assertThat(outcome.path("quarantined").asLong()).isEqualTo(1);
    List<JsonNode> staged = new ArrayList<>();
    for (String line : Files.readAllLines(rows)) {
      staged.add(JSON.readTree(line));
    }
    assertThat(staged).extracting(row -> row.path("__lagoa_file").asInt()).containsOnly(7);
    assertThat(staged)
        .extracting(row -> row.path("__lagoa_line").asLong())
        .containsExactly(1L, 2L, 3L);
    assertThat(staged.get(1).path("__lagoa_rescued").asText()).isEqualTo("{\"temp\":\"hot\"}");
    assertThat(quarantined)
        .singleElement()
        .satisfies(
            line -> {
              JsonNode record = JSON.readTree(line);
              assertThat(record.path("file").asText()).isEqualTo(file.toString());
              assertThat(record.path("line").asLong()).isEqualTo(4);
            });
    // The task met "site"; the loader's shape learns it by merging, and the shipped one was a copy.
    assertThat(root.field("site")).isNull();
    assertThat(root.mergeFrom(FileTasks.decodeShape(shape))).isTrue();
    assertThat(root.field("site").kind()).isEqualTo(Shape.Kind.STRING);
    assertThat(root.field("site").isPending()).isTrue();
  }

  @Test
  void mergingShapesWidensLongToDoubleAndReportsKindsThatDoNotWiden() {
    Shape loader = ShapeSchemas.emptyRoot();
    // CSV values (text) infer longs; JSON numbers load as double.
    Conformer base = new Conformer(loader, SchemaPolicy.EVOLVE, Map.of(), "t.a", true);
    base.learn(
        (com.fasterxml.jackson.databind.node.ObjectNode) tree("{\"n\": \"1\", \"code\": \"7\"}"));
    Shape asDouble = ShapeSchemas.emptyRoot();
    new Conformer(asDouble, SchemaPolicy.EVOLVE, Map.of(), "t.a", true)
        .learn((com.fasterxml.jackson.databind.node.ObjectNode) tree("{\"n\": \"1.5\"}"));
    Shape asText = ShapeSchemas.emptyRoot();
    new Conformer(asText, SchemaPolicy.EVOLVE, Map.of(), "t.a", true)
        .learn((com.fasterxml.jackson.databind.node.ObjectNode) tree("{\"code\": \"X9\"}"));

    assertThat(loader.field("n").kind()).isEqualTo(Shape.Kind.LONG);
    assertThat(loader.mergeFrom(asDouble)).isTrue();
    assertThat(loader.field("n").kind()).isEqualTo(Shape.Kind.DOUBLE);
    assertThat(loader.mergeFrom(asText)).isFalse();
    assertThat(loader.field("code").kind()).isEqualTo(Shape.Kind.LONG);
  }

  @Test
  void parquetSourcesAreRefusedOnSparkNamingTheSource() {
    FilesSourceConfig source = LoaderFixture.source(dir, FileFormat.PARQUET, SchemaPolicy.EVOLVE);
    Conformer conformer =
        new Conformer(ShapeSchemas.emptyRoot(), SchemaPolicy.EVOLVE, Map.of(), "t.a", false);

    assertThatThrownBy(() -> FileTasks.of(source, conformer))
        .isInstanceOf(LagoaException.class)
        .hasMessage(
            "Cannot load source "
                + source.name()
                + " on Spark: its format is parquet, which Lagoa's loader converts with DuckDB;"
                + " load it with engine: duckdb");
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
