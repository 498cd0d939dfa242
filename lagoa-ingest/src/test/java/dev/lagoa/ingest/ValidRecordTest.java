package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.SchemaPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/**
 * Records that Lagoa's reader used to accept and the staging step then rejected or mangled: each is
 * now decided by the reader, per record, before staging.
 */
class ValidRecordTest extends LoaderFixture {
  @Test
  void overlongUtf8AndEncodedSurrogatesInAStringAreQuarantinedWhileTheGoodRecordsLand()
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(utf8("{\"id\": 1, \"s\": \"good\"}\n"));
    bytes.write(utf8("{\"id\": 2, \"s\": \"a"));
    bytes.write(new byte[] {(byte) 0xc0, (byte) 0xaf});
    bytes.write(utf8("b\"}\n{\"id\": 3, \"s\": \""));
    bytes.write(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
    bytes.write(utf8("\"}\n{\"id\": 4, \"s\": \"also good\"}\n"));
    Files.write(landing.resolve("strings.jsonl"), bytes.toByteArray());

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(rows("bronze.titles", "id || ':' || s"))
        .containsExactly("1.0:good", "4.0:also good");
    assertThat(rows("bronze.titles_quarantine", "_source_file || ' ' || _line || ': ' || reason"))
        .containsExactly(
            landing.resolve("strings.jsonl")
                + " 2: invalid UTF-8: overlong encoding at byte 17 of the record",
            landing.resolve("strings.jsonl")
                + " 3: invalid UTF-8: encoded UTF-16 surrogate at byte 16 of the record");
  }

  @Test
  void aDuplicateKeyKeepsTheLastValueAndRescuesTheEarlierOne() throws Exception {
    write("dup.jsonl", "{\"id\": 1, \"s\": 1, \"s\": 2}\n{\"id\": 2, \"s\": 3}\n");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(report.rowsRescued()).isEqualTo(1);
    assertThat(rows("bronze.titles", "id || ':' || s || ':' || coalesce(_rescued_data, '-')"))
        .containsExactly("1.0:2.0:{\"s\":1}", "2.0:3.0:-");
  }

  @Test
  void keysDifferingOnlyByCaseInOneObjectFillOneColumnAndTheEarlierValueIsRescued()
      throws Exception {
    write("case.jsonl", "{\"Id\": 1, \"id\": 2}\n{\"Id\": 3}\n");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(catalog.load("bronze.titles").schema().findField("id")).isNotNull();
    assertThat(catalog.load("bronze.titles").schema().findField("Id")).isNull();
    assertThat(rows("bronze.titles", "\"id\" || ':' || coalesce(_rescued_data, '-')"))
        .containsExactly("2.0:{\"Id\":1}", "3.0:-");
  }

  @Test
  void keysDifferingOnlyByCaseAcrossRecordsAndLoadsFillOneColumn() throws Exception {
    write("a.jsonl", "{\"Name\": \"first\"}\n{\"name\": \"second\"}\n");
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    write("b.jsonl", "{\"NAME\": \"third\"}\n{\"name\": \"fourth\"}\n");

    LoadReport second = load(source);

    assertThat(second.rowsLoaded()).isEqualTo(2);
    assertThat(second.rowsRescued()).isZero();
    assertThat(rows("bronze.titles", "\"Name\""))
        .containsExactly("first", "fourth", "second", "third");
  }

  @Test
  void aDottedKeyBesideANestedFieldOfTheSamePathLandsAsItsOwnColumn() throws Exception {
    write("dots.jsonl", "{\"a.b\": 1, \"a\": {\"b\": 2}}\n{\"a\": {\"b\": 3}, \"a.b\": 4}\n");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(rows("bronze.titles", "a_b || ':' || a.b")).containsExactly("1.0:2.0", "4.0:3.0");
  }

  @Test
  void aRecordWithTwoThousandKeysKeepsEveryFieldAndEveryRowKeepsItsMetadata() throws Exception {
    StringJoiner wide = new StringJoiner(", ", "{", "}");
    for (int i = 0; i < 2000; i++) {
      wide.add("\"k" + i + "\": " + i);
    }
    write("wide.jsonl", "{\"k0\": -1}\n" + wide + "\n{\"k1999\": -2}\n");

    LoadReport report = load(source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(3);
    assertThat(
            rows(
                "bronze.titles",
                "_line || ':' || coalesce(CAST(k0 AS VARCHAR), '-') || ':' || coalesce(CAST(k1000 AS VARCHAR), '-')"
                    + " || ':' || coalesce(CAST(k1999 AS VARCHAR), '-') || ':' || regexp_extract(_source_file, '[^/]+$')"
                    + " || ':' || (_ingested_at IS NOT NULL)"))
        .containsExactly(
            "1:-1.0:-:-:wide.jsonl:true",
            "2:0.0:1000.0:1999.0:wide.jsonl:true",
            "3:-:-:-2.0:wide.jsonl:true");
  }

  @Test
  void aRepeatedCsvHeaderNameGetsASuffixAndKeepsBothValues() throws Exception {
    write("repeat.csv", "id,v,v,V\n1,a,b,c\n2,d,e,f\n");

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(rows("bronze.titles", "id || ':' || v || ':' || v_2 || ':' || v_3"))
        .containsExactly("1:a:b:c", "2:d:e:f");
  }

  @Test
  void numbersBeyondTheRangeOfTheirColumnAreRescuedWithTheirDigits() throws Exception {
    write("numbers-1.jsonl", "{\"id\": 1, \"n\": 5, \"x\": 1.5}\n");
    var source = source(landing, FileFormat.NDJSON, SchemaPolicy.EVOLVE);
    load(source);
    write(
        "numbers-2.jsonl",
        "{\"id\": 2, \"n\": 99999999999999999999999, \"x\": 1e400,"
            + " \"m\": 123456789012345678901234567890}\n");

    LoadReport report = load(source);

    assertThat(report.rowsRescued()).isEqualTo(1);
    assertThat(
            rows(
                "bronze.titles",
                "id || ':' || coalesce(CAST(n AS VARCHAR), '-') || ':' || coalesce(CAST(x AS VARCHAR), '-')"
                    + " || ':' || coalesce(m, '-') || ':' || coalesce(_rescued_data, '-')"))
        .containsExactly(
            "1.0:5.0:1.5:-:-",
            "2.0:-:-:123456789012345678901234567890:{\"n\":99999999999999999999999,\"x\":1E+400}");
  }
}
