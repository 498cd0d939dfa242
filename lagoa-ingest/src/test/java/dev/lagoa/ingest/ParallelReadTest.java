package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.duckdb.TableViews;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One big file read on several cores (a split threshold of one kilobyte, so that files of a few
 * hundred kilobytes go through many batches and every worker): the same rows, with the same lines,
 * and the same quarantine entries as a read on one thread.
 */
class ParallelReadTest extends LoaderFixture {
  private static final int RECORDS = 20_000;

  @BeforeEach
  void readEveryFileOnFourCores() {
    loader = new FilesLoader(catalog, engine, Clock.systemUTC(), 4, 1024);
  }

  /** NDJSON with record {@code n} on line {@code n}, and bad lines at known positions. */
  private static byte[] ndjson() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int line = 1; line <= RECORDS; line++) {
      switch (line) {
        case 1500 -> out.write(utf8("[1,2]\n"));
        case 7777 -> {
          out.write(utf8("{\"id\":7777,\"s\":\""));
          out.write(0xff);
          out.write(utf8("\"}\n"));
        }
        case 12000 -> out.write(utf8("   \n")); // blank: no record
        case 15001 -> out.write(utf8("\"just text\"\n"));
        case 19999 -> out.write(utf8("{\"id\":19999,\"v\":\"oops\",\"s\":\"x\"}\n"));
        default ->
            out.write(
                utf8("{\"id\":" + line + ",\"v\":" + line + ".5,\"s\":\"row " + line + "\"}\n"));
      }
    }
    return out.toByteArray();
  }

  @Test
  void aBigNdjsonFileReadOnEveryCoreKeepsEveryRowWithItsLineAndQuarantinesTheBadOnes()
      throws Exception {
    Files.write(landing.resolve("big.ndjson"), ndjson());

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(RECORDS - 4);
    assertThat(report.rowsRescued()).isEqualTo(1);
    assertThat(report.rowsQuarantined()).isEqualTo(3);
    assertThat(count("bronze.titles")).isEqualTo(RECORDS - 4);
    assertThat(wrongLines("id")).isZero();
    assertThat(distinct("id")).isEqualTo(RECORDS - 4);
    assertThat(rows("bronze.titles", "_rescued_data")).contains("{\"v\":\"oops\"}");
    assertThat(rows("bronze.titles_quarantine", "_line || ': ' || reason"))
        .containsExactly(
            "15001: expected a JSON object, found string",
            "1500: expected a JSON object, found array",
            "7777: invalid UTF-8: byte 0xff at byte 16 of the record is never UTF-8");
  }

  @Test
  void aBigGzippedNdjsonFileReadOnEveryCoreGivesTheSameRowsAndQuarantine() throws Exception {
    writeGzip("big.ndjson.gz", ndjson());

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(RECORDS - 4);
    assertThat(wrongLines("id")).isZero();
    assertThat(rows("bronze.titles_quarantine", "_line")).containsExactly("1500", "15001", "7777");
  }

  @Test
  void linesLongerThanDuckDbsDefaultBufferLandFromWhicheverWorkerStagedThem() throws Exception {
    // DuckDB is told to expect objects of the longest staged line; lines of 17 MB (more than its
    // default of 16 MB) spread over the file reach several workers' staging parts.
    String wide = "w".repeat(17 << 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int line = 1; line <= 4_000; line++) {
      String s = line % 1_000 == 500 ? wide : "row " + line;
      out.write(utf8("{\"id\":" + line + ",\"v\":" + line + ".5,\"s\":\"" + s + "\"}\n"));
    }
    Files.write(landing.resolve("wide.ndjson"), out.toByteArray());

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsQuarantined()).isZero();
    assertThat(report.rowsLoaded()).isEqualTo(4_000);
    assertThat(wrongLines("id")).isZero();
    assertThat(
            rows("bronze.titles", "length(s) || '@' || _line").stream()
                .filter(row -> row.startsWith("17825792@")))
        .containsExactly("17825792@1500", "17825792@2500", "17825792@3500", "17825792@500");
  }

  @Test
  void aBigCsvFileReadOnEveryCoreCountsLinesAcrossQuotedLineBreaks() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(utf8("id,name,v\n"));
    for (int id = 1; id <= RECORDS; id++) {
      switch (id) {
        case 3000 -> out.write(utf8("3000,\"two\nlines\",1.5\n")); // lines 3001 and 3002
        case 5000 -> out.write(utf8("5000,too few\n")); // line 5002
        case 9000 -> { // line 9002: latin-1 in a UTF-8 file
          out.write(utf8("9000,caf"));
          out.write(0xe9);
          out.write(utf8(",2.5\n"));
        }
        default -> out.write(utf8(id + ",name " + id + "," + id + ".25\n"));
      }
    }
    Files.write(landing.resolve("big.csv"), out.toByteArray());

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(RECORDS - 2);
    assertThat(report.rowsQuarantined()).isEqualTo(2);
    // Record n is on line n + 1 up to the record spanning two lines, on line n + 2 after it.
    assertThat(
            queryLong(
                "count(*) FILTER (WHERE _line <> id + CASE WHEN id > 3000 THEN 2 ELSE 1 END)"))
        .isZero();
    assertThat(distinct("id")).isEqualTo(RECORDS - 2);
    assertThat(rows("bronze.titles", "name")).contains("two\nlines");
    assertThat(rows("bronze.titles_quarantine", "_line || ': ' || reason"))
        .containsExactly(
            "5002: expected 3 values (id,name,v), found 2",
            "9002: line is not valid UTF-8 (java.nio.charset.MalformedInputException: Input"
                + " length = 1); set csv.encoding, e.g. ISO-8859-1");
  }

  @Test
  void aBigJsonArrayReadOnEveryCoreKeepsEachElementsLine() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(utf8("[\n"));
    for (int id = 1; id <= RECORDS; id++) {
      String element =
          switch (id) {
            case 4000 -> "\"not an object\"";
            case 8000 -> "{\"id\":8000,\"name\":\"\\ud800\"}";
            default -> "{\"id\":" + id + ",\"name\":\"element " + id + "\"}";
          };
      out.write(utf8(element + (id < RECORDS ? ",\n" : "\n")));
    }
    out.write(utf8("]\n"));
    Files.write(landing.resolve("big.json"), out.toByteArray());

    LoadReport report = load(source(landing, FileFormat.JSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(RECORDS - 2);
    // Element n is on line n + 1.
    assertThat(wrongLines("id + 1")).isZero();
    assertThat(distinct("id")).isEqualTo(RECORDS - 2);
    assertThat(rows("bronze.titles_quarantine", "_line || ': ' || reason"))
        .containsExactly(
            "4001: array element 3999 is not a JSON object",
            "8001: value of \"name\" holds an unpaired UTF-16 surrogate");
  }

  @Test
  void aRecordThatStopsTheLoadOnAWorkerStopsItWithItsFileAndLine() throws Exception {
    write("small.ndjson", "{\"id\":0,\"v\":0.5}\n");
    load(source(landing, FileFormat.NDJSON, SchemaPolicy.FAIL));
    StringBuilder text = new StringBuilder();
    for (int line = 1; line <= RECORDS; line++) {
      text.append(
          line == 15000
              ? "{\"id\":15000,\"v\":\"oops\"}\n"
              : "{\"id\":" + line + ",\"v\":" + line + ".5}\n");
    }
    write("big.ndjson", text.toString());

    assertThatThrownBy(() -> load(source(landing, FileFormat.NDJSON, SchemaPolicy.FAIL)))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining("big.ndjson line 15000: field v is \"oops\", expected double");
    assertThat(count("bronze.titles")).isEqualTo(1);
  }

  /** Rows whose {@code _line} is not {@code expected}. */
  private long wrongLines(String expected) {
    return queryLong("count(*) FILTER (WHERE _line <> " + expected + ")");
  }

  private long distinct(String column) {
    return queryLong("count(DISTINCT " + column + ")");
  }

  private long queryLong(String aggregate) {
    Table loaded = catalog.load("bronze.titles");
    return engine.queryLong(
        "SELECT "
            + aggregate
            + " FROM ("
            + TableViews.relation(loaded, loaded.currentSnapshot(), Expressions.alwaysTrue())
            + ")");
  }
}
