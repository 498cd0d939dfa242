package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.testing.data.ImdbLandingGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lagoa command end to end on a real project directory: output and exit codes. */
class CliTest {
  @TempDir Path project;
  private Path landing;
  private final ImdbLandingGenerator imdb = new ImdbLandingGenerator(3);

  private record Result(int exit, String out, String err) {}

  @BeforeEach
  void createProject() throws Exception {
    landing = Files.createDirectories(project.resolve("landing"));
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: imdb
        sources:
          imdb_titles:
            type: files
            path: landing
            format: ndjson
            table: bronze.imdb_titles
            schema:
              hints: {rating: double}
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

  private String firstSnapshot() {
    String history = lagoa("history", "bronze.imdb_titles").out();
    return history.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
  }

  @Test
  void runLoadsNewFilesAndReportsWhatLanded() {
    imdb.writeRun(landing, 1, 50);

    Result run = lagoa("run");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains(
            "imdb_titles -> bronze.imdb_titles: 1 new file(s), 50 rows loaded, 0 rescued, 0 quarantined");
    assertThat(lagoa("run").out())
        .contains("0 new file(s), 0 rows loaded")
        .contains("1 file(s) already loaded");
  }

  @Test
  void aFailingSourceIsNamedWithItsLandingFileAndTheOtherSourcesStillLoad() throws Exception {
    Path strict = Files.createDirectories(project.resolve("strict"));
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: imdb
        sources:
          strict:
            type: files
            path: strict
            format: ndjson
            table: bronze.strict
            schema: {policy: fail}
          imdb_titles:
            type: files
            path: landing
            format: ndjson
            table: bronze.imdb_titles
        """);
    Files.writeString(strict.resolve("a.jsonl"), "{\"id\": 1}\n");
    lagoa("run");
    Files.writeString(strict.resolve("b.jsonl"), "{\"id\": 2, \"extra\": 3}\n");
    imdb.writeRun(landing, 1, 50);

    Result run = lagoa("run");

    assertThat(run.exit()).isEqualTo(Main.exitCode(dev.lagoa.core.ErrorCategory.USER_INPUT));
    assertThat(run.err())
        .contains(
            "error: source strict failed: Cannot ingest "
                + strict.resolve("b.jsonl")
                + " line 1: field extra is not a column of bronze.strict (schema policy is fail)");
    assertThat(run.out())
        .contains(
            "imdb_titles -> bronze.imdb_titles: 1 new file(s), 50 rows loaded, 0 rescued, 0 quarantined");
  }

  @Test
  void sqlPrintsTheQuarantinedRawBytesAsTextOrHex() throws Exception {
    Files.write(
        landing.resolve("bad.jsonl"),
        new byte[] {
          '{', 'o', 'o', 'p', 's', '\n', '{', '"', 's', '"', ':', '"', (byte) 0xc0, '"', '}'
        });
    lagoa("run");

    Result sql =
        lagoa(
            "sql",
            "--format",
            "csv",
            "SELECT _line, raw FROM imdb_titles_quarantine ORDER BY _line");

    // Text bytes print as themselves, the byte that is not UTF-8 as \xC0 (csv quotes the field).
    assertThat(sql.out()).contains("1,{oops").contains("2,\"{\"\"s\"\":\"\"\\xC0\"\"}\"");
  }

  @Test
  void sqlAsOfReadsTheTableAsItWasBeforeTheLastIngest() {
    imdb.writeRun(landing, 1, 50);
    lagoa("run");
    imdb.writeEvolvedRun(landing, 2, 30);
    lagoa("run");

    Result now =
        lagoa(
            "sql",
            "--format",
            "csv",
            "SELECT count(*) AS n, count(votes) AS with_votes FROM imdb_titles");
    Result before =
        lagoa(
            "sql",
            "--format",
            "csv",
            "--as-of",
            firstSnapshot(),
            "SELECT count(*) AS n FROM imdb_titles");

    assertThat(now.out()).isEqualTo("n,with_votes\n80,30\n");
    assertThat(before.out()).isEqualTo("n\n50\n");
  }

  @Test
  void sqlAsOfATimeBeforeTheFirstCommitReadsAnEmptyTable() {
    imdb.writeRun(landing, 1, 10);
    lagoa("run");

    Result result =
        lagoa(
            "sql",
            "--format",
            "csv",
            "--as-of",
            "2000-01-01T00:00:00Z",
            "SELECT count(*) AS n FROM bronze.imdb_titles");

    assertThat(result.out()).isEqualTo("n\n0\n");
  }

  @Test
  void describeAndHistoryShowSchemaSnapshotsAndConsumedFiles() {
    imdb.writeRun(landing, 1, 20);
    lagoa("run");

    Result describe = lagoa("describe", "bronze.imdb_titles");
    Result history = lagoa("history", "imdb_titles");

    assertThat(describe.out())
        .contains("rows:       20")
        .contains("_rescued_data: optional string")
        .contains("rating: optional double");
    assertThat(history.out()).contains("append").contains("1 files from source imdb_titles");
  }

  @Test
  void writingSqlIsRefusedAsBadInput() {
    Result result = lagoa("sql", "DELETE FROM imdb_titles");

    assertThat(result.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(result.err()).contains("Cannot run query: only reading statements");
  }

  @Test
  void anUnknownTableOrSourceIsBadInputNamingIt() {
    assertThat(lagoa("describe", "bronze.nope").err()).contains("Cannot find table bronze.nope");
    Result run = lagoa("run", "nope");
    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.err())
        .contains(
            "Cannot run nope: project imdb has no source of that name (sources: [imdb_titles])");
  }

  @Test
  void anInvalidConfigurationListsEveryProblemWithItsPath() throws Exception {
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        sources:
          cars:
            type: files
            format: xml
            sorces: typo
            schema: {policy: maybe}
        """);

    Result result = lagoa("run");

    assertThat(result.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(result.err())
        .contains("sources.cars.path is missing but it is required")
        .contains("sources.cars.format was 'xml' but it must be one of ndjson, json, csv, parquet")
        .contains(
            "sources.cars.schema.policy was 'maybe' but it must be one of evolve, rescue, fail")
        .contains("sources.cars.sorces is not a known setting");
  }

  @Test
  void aFailPolicyErrorNamesFileLineAndFieldAndExitsAsBadInput() throws Exception {
    imdb.writeRun(landing, 1, 10);
    lagoa("run");
    Files.writeString(
        project.resolve("lagoa.yaml"),
        Files.readString(project.resolve("lagoa.yaml"))
            .replace("hints: {rating: double}", "policy: fail"));
    Path evolved = imdb.writeEvolvedRun(landing, 2, 5);

    Result result = lagoa("run");

    assertThat(result.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(result.err())
        .contains(
            "Cannot ingest "
                + evolved
                + " line 1: field votes is not a column of bronze.imdb_titles");
  }
}
