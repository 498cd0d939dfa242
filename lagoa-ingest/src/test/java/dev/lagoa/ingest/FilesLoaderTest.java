package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.iceberg.commit.CommitConflictException;
import dev.lagoa.iceberg.commit.LagoaSummary;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilesLoaderTest extends LoaderFixture {
  private static final String FIRST =
      """
      {"title": "The Shawshank Redemption", "year": 1994, "rating": 9.3, "page": 1}
      {"title": "The Godfather", "year": 1972, "rating": 9.2, "page": 1}
      """;

  @Test
  void reingestingTheSameFilesAddsNoRows() throws Exception {
    write("imdb_titles_1.jsonl", FIRST);
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);

    LoadReport first = load(source);
    LoadReport second = load(source);

    assertThat(first.rowsLoaded()).isEqualTo(2);
    assertThat(second.filesLoaded()).isZero();
    assertThat(second.filesSkipped()).isEqualTo(1);
    assertThat(second.snapshots()).isEmpty();
    assertThat(count("bronze.titles")).isEqualTo(2);
  }

  @Test
  void addingOneFileAddsExactlyItsRows() throws Exception {
    write("imdb_titles_1.jsonl", FIRST);
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    write(
        "imdb_titles_2.jsonl",
        "{\"title\": \"Pulp Fiction\", \"year\": 1994, \"rating\": 8.9, \"page\": 2}\n");

    LoadReport report = load(source);

    assertThat(report.filesLoaded()).isEqualTo(1);
    assertThat(
            rows(
                "bronze.titles",
                "title || '@' || _line || '@' || regexp_extract(_source_file, '[^/]+$')"))
        .containsExactly(
            "Pulp Fiction@1@imdb_titles_2.jsonl",
            "The Godfather@2@imdb_titles_1.jsonl",
            "The Shawshank Redemption@1@imdb_titles_1.jsonl");
  }

  @Test
  void aNewFieldBecomesAColumnThatOlderRowsReadAsNull() throws Exception {
    write("imdb_titles_1.jsonl", FIRST);
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    write(
        "imdb_titles_2.jsonl",
        "{\"title\": \"Pulp Fiction\", \"year\": 1994, \"rating\": 8.9, \"page\": 2, \"votes\": 2300000}\n");

    LoadReport report = load(source);

    assertThat(report.columnsAdded()).containsExactly("votes");
    assertThat(rows("bronze.titles", "title || ':' || coalesce(CAST(votes AS VARCHAR), 'NULL')"))
        .containsExactly(
            "Pulp Fiction:2300000.0", "The Godfather:NULL", "The Shawshank Redemption:NULL");
  }

  @Test
  void aWrongTypedValueIsRescuedAndTheRestOfItsRowLands() throws Exception {
    write("imdb_titles_1.jsonl", FIRST);
    load(source(landing, FileFormat.NDJSON, SchemaPolicy.RESCUE));
    write(
        "imdb_titles_2.jsonl",
        "{\"title\": \"Unrated\", \"year\": 2025, \"rating\": \"N/A\", \"page\": 3, \"genre\": \"Drama\"}\n");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.RESCUE));

    assertThat(report.rowsRescued()).isEqualTo(1);
    assertThat(report.columnsAdded()).isEmpty();
    assertThat(
            rows(
                "bronze.titles",
                "title || ':' || year || ':' || coalesce(CAST(rating AS VARCHAR), 'NULL') || ':' || coalesce(_rescued_data, '-')"))
        .containsExactly(
            "The Godfather:1972.0:9.2:-",
            "The Shawshank Redemption:1994.0:9.3:-",
            "Unrated:2025.0:NULL:{\"rating\":\"N/A\",\"genre\":\"Drama\"}");
  }

  @Test
  void evolvingKeepsTheWrongTypedValueButAddsTheNewField() throws Exception {
    write("imdb_titles_1.jsonl", FIRST);
    load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));
    write(
        "imdb_titles_2.jsonl",
        "{\"title\": \"Unrated\", \"year\": 2025, \"rating\": \"N/A\", \"page\": 3, \"genre\": \"Drama\"}\n");

    load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(
            rows(
                "bronze.titles",
                "title || ':' || coalesce(genre, '-') || ':' || coalesce(_rescued_data, '-')"))
        .containsExactly(
            "The Godfather:-:-",
            "The Shawshank Redemption:-:-",
            "Unrated:Drama:{\"rating\":\"N/A\"}");
  }

  @Test
  void failPolicyNamesTheFileLineAndField() throws Exception {
    write("imdb_titles_1.jsonl", FIRST);
    load(source(landing, FileFormat.NDJSON, SchemaPolicy.FAIL));
    write(
        "imdb_titles_2.jsonl",
        FIRST + "{\"title\": \"Unrated\", \"year\": 2025, \"rating\": \"N/A\", \"page\": 3}\n");

    assertThatThrownBy(() -> load(source(landing, FileFormat.NDJSON, SchemaPolicy.FAIL)))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "imdb_titles_2.jsonl line 3: field rating is \"N/A\", expected double");
    assertThat(count("bronze.titles")).isEqualTo(2);
  }

  @Test
  void nestedObjectsStayStructsAndIntegersWidenToDouble() throws Exception {
    write(
        "a.jsonl",
        """
        {"car": "C1", "metrics": {"engineTempCelsius": 90, "trip": {"tripMileage": 12}}}
        {"car": "C2", "metrics": {"engineTempCelsius": 91.5, "trip": {"tripMileage": 30.25}}}
        """);

    load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(
            rows(
                "bronze.titles",
                "car || ':' || metrics.engineTempCelsius || ':' || metrics.trip.tripMileage"))
        .containsExactly("C1:90.0:12.0", "C2:91.5:30.25");
    assertThat(
            catalog.load("bronze.titles").schema().findType("metrics.trip.tripMileage").toString())
        .isEqualTo("double");
  }

  @Test
  void aMalformedLineIsQuarantinedAndTheRestOfTheFileLoads() throws Exception {
    write("a.jsonl", "{\"title\": \"A\"}\n{\"title\": broken\n{\"title\": \"C\"}\n");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(report.rowsQuarantined()).isEqualTo(1);
    assertThat(
            rows(
                "bronze.titles_quarantine",
                "_line || ':' || decode(raw) || ':' || starts_with(reason, 'malformed JSON')"))
        .containsExactly("2:{\"title\": broken:true");
  }

  @Test
  void aTruncatedGzipKeepsTheLinesBeforeTheDamageAndQuarantinesTheRest() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      lines
          .append("{\"title\": \"T")
          .append(i)
          .append("\", \"year\": ")
          .append(1900 + i % 100)
          .append("}\n");
    }
    var full = writeGzip("t.jsonl.gz", utf8(lines.toString()));
    byte[] bytes = Files.readAllBytes(full);
    Files.write(full, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isPositive().isLessThan(2000);
    assertThat(report.rowsQuarantined()).isEqualTo(1);
    assertThat(rows("bronze.titles_quarantine", "reason"))
        .singleElement()
        .asString()
        .startsWith("file ends unexpectedly (truncated gzip?)");
    assertThat(rows("bronze.titles", "title")).doesNotHaveDuplicates().contains("T0");
  }

  @Test
  void anEmptyFileIsRecordedAsQuarantinedNotSilentlyDropped() throws Exception {
    write("empty.jsonl", "");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.filesLoaded()).isEqualTo(1);
    assertThat(rows("bronze.titles_quarantine", "reason"))
        .containsExactly("empty file: no records");
    assertThat(load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE)).filesLoaded())
        .isZero();
  }

  @Test
  void aLineWithInvalidUtf8IsQuarantinedWithItsBytes() throws Exception {
    byte[] bad = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    var file = landing.resolve("latin.jsonl");
    Files.write(file, bad);
    Files.write(file, utf8("{\"t\": \"ok\"}\n"), java.nio.file.StandardOpenOption.APPEND);

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(1);
    assertThat(
            rows(
                "bronze.titles_quarantine",
                "_line || ':' || octet_length(raw) || ':' || (reason LIKE '%UTF-8%')"))
        .containsExactly("1:10:true");
  }

  @Test
  void aTenMegabyteLineLoads() throws Exception {
    String big = "x".repeat(10 * 1024 * 1024);
    write("big.jsonl", "{\"title\": \"" + big + "\"}\n{\"title\": \"small\"}\n");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(rows("bronze.titles", "length(title)")).containsExactly("10485760", "5");
  }

  @Test
  void aFileChangedAfterItWasConsumedIsReportedAndNotReadAgain() throws Exception {
    var file = write("imdb_titles_1.jsonl", FIRST);
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    Files.writeString(file, FIRST + "{\"title\": \"Extra\"}\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

    LoadReport report = load(source);

    assertThat(report.filesChanged()).containsExactly("imdb_titles_1.jsonl");
    assertThat(count("bronze.titles")).isEqualTo(2);
  }

  @Test
  void aFileThatVanishesMidRunIsReportedAndLoadedWhenItReturns() throws Exception {
    write("a.jsonl", "{\"title\": \"A\"}\n");
    var second = write("b.jsonl", "{\"title\": \"B\"}\n");
    byte[] content = Files.readAllBytes(second);
    FilesLoader oneThread = new FilesLoader(catalog, engine, java.time.Clock.systemUTC(), 1);
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);

    LoadReport report =
        oneThread.load(
            source,
            (done, total, rows) -> {
              if (done == 1) {
                second.toFile().delete();
              }
            });
    Files.write(second, content);
    LoadReport again = oneThread.load(source, LoadListener.NONE);

    assertThat(report.filesVanished()).containsExactly("b.jsonl");
    assertThat(again.filesLoaded()).isEqualTo(1);
    assertThat(rows("bronze.titles", "title")).containsExactly("A", "B");
  }

  @Test
  void aConcurrentLoadOfTheSameFileIsRefusedAndTheRerunLoadsEachFileOnce() throws Exception {
    write("a.jsonl", "{\"title\": \"A\"}\n");
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    write("b.jsonl", "{\"title\": \"B\"}\n");
    DuckEngine otherEngine = engine.duplicate();
    // Another run loads b.jsonl and commits while this one is reading it.
    LoadListener otherRunLoadsTheSameFile =
        (done, total, rows) ->
            new FilesLoader(catalog, otherEngine, java.time.Clock.systemUTC(), 1)
                .load(source, LoadListener.NONE);

    assertThatThrownBy(() -> loader.load(source, otherRunLoadsTheSameFile))
        .isInstanceOf(CommitConflictException.class)
        .hasMessageContaining(
            "Cannot commit the files of source titles to bronze.titles: another run loaded b.jsonl")
        .hasMessageContaining("Nothing of this batch was committed");
    LoadReport rerun = load(source);

    assertThat(rerun.filesLoaded()).isZero();
    assertThat(rows("bronze.titles", "title")).containsExactly("A", "B");
  }

  @Test
  void aBatchCommitsOnTopOfAnotherWritersCommitThatConsumedNoneOfItsFiles() throws Exception {
    write("a.jsonl", "{\"title\": \"A\"}\n");
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    write("b.jsonl", "{\"title\": \"B\"}\n");
    var table = catalog.load("bronze.titles");
    // Another writer (not a loader of this source) commits rows while this run is reading.
    LoadListener otherWriterCommits =
        (done, total, rows) ->
            new dev.lagoa.duckdb.TableWriter(engine.duplicate(), java.time.Clock.systemUTC())
                .write(
                    table,
                    "SELECT 'other' AS title, NULL AS _source_file, NULL AS _line, NULL AS _ingested_at,"
                        + " NULL AS _rescued_data",
                    dev.lagoa.iceberg.WriteMode.APPEND,
                    LagoaSummary.empty());

    LoadReport report = loader.load(source, otherWriterCommits);
    LoadReport rerun = load(source);

    assertThat(report.filesLoaded()).isEqualTo(1);
    assertThat(rerun.filesLoaded()).isZero();
    assertThat(rows("bronze.titles", "title")).containsExactly("A", "B", "other");
  }
}
