package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code lagoa sql} and {@code lagoa tables} print on a fresh project and at their limits. */
class SqlAndTablesCommandTest {
  @TempDir Path project;
  private Path landing;

  private record Result(int exit, String out, String err) {}

  @BeforeEach
  void createProject() throws Exception {
    landing = Files.createDirectories(project.resolve("landing"));
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: readings
        sources:
          readings:
            type: files
            path: landing
            format: ndjson
            table: bronze.readings
        """);
  }

  private Result lagoa(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] withProject = new String[args.length + 2];
    System.arraycopy(args, 0, withProject, 0, args.length);
    withProject[args.length] = "--project";
    withProject[args.length + 1] = project.toString();
    int exit = Main.execute(withProject, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void aTableCutAtTheDefaultLimitSaysSoBelowTheRowsAndOnStandardError() {
    Result result = lagoa("sql", "SELECT range AS n FROM range(10005)");

    assertThat(result.exit()).isZero();
    assertThat(result.out().lines().filter(line -> line.matches("\\d+")).count()).isEqualTo(10_000);
    assertThat(result.out()).endsWith("(10,000 rows shown; the query returned more)\n");
    assertThat(result.err())
        .contains("note: only the first 10,000 rows are shown; the query returned more");
  }

  @Test
  void aTableThatFitsTheLimitSaysNothingAboutIt() {
    Result result = lagoa("sql", "SELECT range AS n FROM range(3)");

    assertThat(result.out()).endsWith("(3 rows)\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void csvAndJsonExportsHoldEveryRowByDefault() {
    Result csv = lagoa("sql", "--format", "csv", "SELECT range AS n FROM range(12345)");
    Result json = lagoa("sql", "--format", "json", "SELECT range AS n FROM range(12345)");

    assertThat(csv.out().lines().count()).isEqualTo(12_346);
    assertThat(csv.out().lines().reduce((a, b) -> b)).contains("12344");
    assertThat(csv.err()).isEmpty();
    assertThat(json.out().split("\"n\"", -1)).hasSize(12_346);
  }

  @Test
  void anExportCutByMaxRowsStaysWellFormedAndSaysSoOnStandardError() {
    Result result =
        lagoa("sql", "--format", "csv", "--max-rows", "5", "SELECT range AS n FROM range(10)");

    assertThat(result.out()).isEqualTo("n\n0\n1\n2\n3\n4\n");
    assertThat(result.err())
        .contains("note: only the first 5 rows are shown; the query returned more")
        .contains("--max-rows 0 for all");
  }

  @Test
  void maxRowsZeroPrintsEveryRowOfATable() {
    Result result = lagoa("sql", "--max-rows", "0", "SELECT range AS n FROM range(10001)");

    assertThat(result.out()).endsWith("(10,001 rows)\n");
  }

  @Test
  void helpShowsTheRowLimitAndThatExportsAreNotCut() {
    Result help = lagoa("sql", "--help");

    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("--max-rows=N")
        .contains("Default: 10000 for --format table, all rows for csv and json");
  }

  @Test
  void theQuarantineTableExistsEmptyAfterTheFirstCleanLoad() throws Exception {
    Files.writeString(landing.resolve("a.jsonl"), "{\"car\": \"A1\", \"km\": 10}\n");
    assertThat(lagoa("run").exit()).isZero();

    Result result =
        lagoa("sql", "--format", "csv", "SELECT _line, reason FROM readings_quarantine");

    assertThat(result.exit()).isZero();
    assertThat(result.out()).isEqualTo("_line,reason\n");
    assertThat(lagoa("tables").out()).contains("bronze.readings_quarantine");
  }

  @Test
  void quarantinedRawBytesPrintAsTheirTextNotAsAJavaObject() throws Exception {
    Files.writeString(
        landing.resolve("a.jsonl"),
        "{\"car\": \"A1\", \"km\": 10}\n{\"car\": \"São Paulo\\\\1\", \"km\": \n");
    lagoa("run");

    Result result = lagoa("sql", "--format", "csv", "SELECT raw FROM readings_quarantine");

    assertThat(result.out())
        .isEqualTo("raw\n\"{\"\"car\"\": \"\"São Paulo\\\\\\\\1\"\", \"\"km\"\": \"\n");
    assertThat(result.out()).doesNotContain("DuckDBBlobResult");
  }

  @Test
  void bytesThatAreNotTextPrintAsHexEscapes() {
    Result result =
        lagoa("sql", "--format", "csv", "SELECT '\\xFF\\x00A'::BLOB AS b, NULL::BLOB AS n");

    assertThat(result.out()).isEqualTo("b,n\n\\xFF\\x00A,\n");
  }

  @Test
  void tablesOnAnEmptyProjectSaysThereAreNone() {
    Result result = lagoa("tables");

    assertThat(result.exit()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "No tables yet in readings: lagoa run loads the sources and builds the models.\n");
  }
}
