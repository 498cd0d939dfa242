package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.core.config.SchemaPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatsTest extends LoaderFixture {
  @Test
  void csvValuesWithQuotedNewlinesAndCommasLoadAsOneRow() throws Exception {
    write(
        "movies.csv",
        "movieId,title,genres\n1,\"American President, The (1995)\",Comedy|Drama|Romance\n"
            + "2,\"A title\nover two lines\",Drama\n3,Heat (1995),Action\n");

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(3);
    assertThat(rows("bronze.titles", "movieId || '|' || title"))
        .containsExactly(
            "1|American President, The (1995)", "2|A title\nover two lines", "3|Heat (1995)");
    assertThat(catalog.load("bronze.titles").schema().findType("movieId").toString())
        .isEqualTo("long");
  }

  @Test
  void csvRowsWithTheWrongNumberOfValuesAreQuarantinedWithTheirLine() throws Exception {
    write("ratings.csv", "userId,movieId,rating\n1,10,4.0\n2,20\n3,30,3.5\n");

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(rows("bronze.titles_quarantine", "_line || ': ' || reason"))
        .containsExactly("3: expected 3 values (userId,movieId,rating), found 2");
  }

  @Test
  void theSampleDecidesAColumnTypeFromManyRecordsNotTheFirstOne() throws Exception {
    write("codes.csv", "id,code\n1,7\n2,8\n3,X9\n");

    LoadReport report =
        load(
            source(
                landing,
                FileFormat.CSV,
                new SchemaOptions(SchemaPolicy.EVOLVE, 100, Map.of()),
                CsvOptions.DEFAULT,
                0));

    assertThat(report.rowsRescued()).isZero();
    assertThat(rows("bronze.titles", "code")).containsExactly("7", "8", "X9");
  }

  @Test
  void withASampleOfOneTheFirstRecordDecidesAndLaterMisfitsAreRescued() throws Exception {
    write("codes.csv", "id,code\n1,7\n2,8\n3,X9\n");

    LoadReport report =
        load(
            source(
                landing,
                FileFormat.CSV,
                new SchemaOptions(SchemaPolicy.EVOLVE, 1, Map.of()),
                CsvOptions.DEFAULT,
                0));

    assertThat(report.rowsRescued()).isEqualTo(1);
    assertThat(rows("bronze.titles", "coalesce(CAST(code AS VARCHAR), _rescued_data)"))
        .containsExactly("7", "8", "{\"code\":\"X9\"}");
  }

  @Test
  void csvIdentifiersWithLeadingZerosStayText() throws Exception {
    write("links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n2,0113497,\n");

    load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(rows("bronze.titles", "imdbId || ':' || coalesce(CAST(tmdbId AS VARCHAR), 'NULL')"))
        .containsExactly("0113497:NULL", "0114709:862");
  }

  @Test
  void latin1CsvWithTitleAndFooterLinesReadsWithItsDeclaredEncoding() throws Exception {
    String text =
        "IBOV - Carteira do Dia 29/10/25\nCódigo;Ação;Tipo;Qtde. Teórica;Part. (%)\n"
            + "ITSA4;ITAÚSA;PN  N1;4.273.841.357;0,482;\nVALE3;VALE;ON  NM;3.967.148.682;11,012;\n"
            + "Quantidade Teórica Total;;;96.117.421.587;100,000\nRedutor;;;15.931.091,73\n";
    Files.write(
        landing.resolve("IBOVDia_29-10-25.csv"), text.getBytes(StandardCharsets.ISO_8859_1));
    CsvOptions latin1 = new CsvOptions(true, ';', '"', StandardCharsets.ISO_8859_1, 1);

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE, latin1, 2));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(report.rowsQuarantined()).isZero();
    assertThat(rows("bronze.titles", "\"Código\" || ';' || \"Ação\" || ';' || \"Part. (%)\""))
        .containsExactly("ITSA4;ITAÚSA;0,482", "VALE3;VALE;11,012");
  }

  @Test
  void latin1BytesInAUtf8CsvQuarantineTheirLineWithAHintAndTheOtherLinesLoad() throws Exception {
    Files.write(
        landing.resolve("latin.csv"),
        "name\nITA\u00daSA\nVALE\n".getBytes(StandardCharsets.ISO_8859_1));

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(1);
    assertThat(report.rowsQuarantined()).isEqualTo(1);
    assertThat(rows("bronze.titles", "name")).containsExactly("VALE");
    assertThat(rows("bronze.titles_quarantine", "_line || ': ' || reason"))
        .singleElement()
        .asString()
        .startsWith("2: line is not valid UTF-8")
        .contains("set csv.encoding");
  }

  @Test
  void anUnterminatedCsvQuoteQuarantinesItsLineAndTheFollowingRowsLoad() throws Exception {
    write("quote.csv", "id,title\n1,\"Heat\n2,Up\n3,Jaws\n");

    LoadReport report = load(source(landing, FileFormat.CSV, SchemaPolicy.EVOLVE));

    assertThat(rows("bronze.titles", "id || ':' || title")).containsExactly("2:Up", "3:Jaws");
    assertThat(report.rowsQuarantined()).isEqualTo(1);
    assertThat(rows("bronze.titles_quarantine", "_line || ': ' || reason"))
        .containsExactly(
            "2: unterminated quoted value: the quote opened on this line is never closed; the"
                + " following lines are read again as records");
  }

  @Test
  void jsonDocumentsMayHoldOneObjectOrAnArrayOfObjectsAndMixedNumbersWidenToDouble()
      throws Exception {
    write("one.json", "{\"carChassis\": \"C1\", \"currentMileage\": 4321}");
    write(
        "many.json",
        "[{\"carChassis\": \"C2\", \"currentMileage\": 10},\n {\"carChassis\": \"C3\", \"currentMileage\": 20.0}]");

    load(source(landing, FileFormat.JSON, SchemaPolicy.EVOLVE));

    assertThat(rows("bronze.titles", "carChassis || ':' || currentMileage || ':' || _line"))
        .containsExactly("C1:4321.0:1", "C2:10.0:1", "C3:20.0:2");
  }

  @Test
  void aJsonArrayBrokenRightAfterARecordLoadsThatRecordAndQuarantinesTheRestFromTheNextLine()
      throws Exception {
    write("broken.json", "[\n{\"a\": 1}_\n{\"a\": 2}\n]\n");

    LoadReport report = load(source(landing, FileFormat.JSON, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(1);
    assertThat(rows("bronze.titles", "a || '@' || _line")).containsExactly("1.0@2");
    assertThat(rows("bronze.titles_quarantine", "_line || ': ' || reason"))
        .singleElement()
        .asString()
        .startsWith("3: malformed JSON document:")
        .endsWith("the rest of the file is not loaded");
  }

  @Test
  void parquetFilesLoadThroughTheSameChecks() throws Exception {
    engine.execute(
        "COPY (SELECT 'T' || range AS title, range AS year FROM range(5)) TO '"
            + landing.resolve("titles.parquet")
            + "' (FORMAT parquet)");

    LoadReport report = load(source(landing, FileFormat.PARQUET, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(5);
    assertThat(rows("bronze.titles", "title || ':' || year"))
        .containsExactly("T0:0", "T1:1", "T2:2", "T3:3", "T4:4");
  }

  @Test
  void parquetColumnsKeepTheFileTypesEvenWhenEveryValueIsNull() throws Exception {
    Path day = Files.createDirectories(landing.resolve("year=2025/month=10/day=03"));
    engine.execute(
        "COPY (SELECT 'PETR4' AS codigo, CAST(NULL AS VARCHAR) AS setor,"
            + " CAST(476976044 AS BIGINT) AS qtde_teorica, CAST(0.482 AS DECIMAL(9,3)) AS participacao_pct,"
            + " DATE '2025-10-03' AS data_carteira, CAST(NULL AS DATE) AS data_revisao,"
            + " TIMESTAMPTZ '2025-10-03 19:00:00+00' AS scraped_at_utc, CAST(7 AS INTEGER) AS lote) TO '"
            + day.resolve("ibov_api_20251003T190000Z_0.parquet")
            + "' (FORMAT parquet)");

    LoadReport report = load(source(landing, FileFormat.PARQUET, SchemaPolicy.EVOLVE));

    assertThat(report.rowsLoaded()).isEqualTo(1);
    org.apache.iceberg.Schema schema = catalog.load("bronze.titles").schema();
    assertThat(schema.findField("setor").type().toString()).isEqualTo("string");
    assertThat(schema.findField("data_revisao").type().toString()).isEqualTo("date");
    assertThat(schema.findField("data_carteira").type().toString()).isEqualTo("date");
    assertThat(schema.findField("qtde_teorica").type().toString()).isEqualTo("long");
    assertThat(schema.findField("participacao_pct").type().toString()).isEqualTo("decimal(9, 3)");
    assertThat(schema.findField("scraped_at_utc").type().toString()).isEqualTo("timestamptz");
    assertThat(schema.findField("lote").type().toString()).isEqualTo("int");
    assertThat(schema.findField("year")).isNull();
    assertThat(
            rows(
                "bronze.titles",
                "codigo || ':' || coalesce(setor, 'NULL') || ':' || qtde_teorica || ':' || participacao_pct"
                    + " || ':' || data_carteira || ':' || coalesce(CAST(data_revisao AS VARCHAR), 'NULL')"
                    + " || ':' || lote"))
        .containsExactly("PETR4:NULL:476976044:0.482:2025-10-03:NULL:7");
  }
}
