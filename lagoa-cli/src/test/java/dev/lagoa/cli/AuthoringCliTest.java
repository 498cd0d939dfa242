package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model author's commands end to end: compile, run with a broken model, sql, status. */
class AuthoringCliTest {
  @TempDir Path project;

  private record Result(int exit, String out, String err) {}

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

  private void write(String relative, String text) throws IOException {
    Path file = project.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @BeforeEach
  void createProject() throws IOException {
    write(
        "lagoa.yaml",
        """
        name: authoring
        sources:
          cars:
            type: files
            path: landing/cars
          owners:
            type: files
            path: landing/owners
        """);
    write(
        "landing/cars/1.jsonl",
        "{\"id\": 1, \"model\": \"Corolla\"}\n{\"id\": 2, \"model\": \"Civic\"}\n");
    write("landing/owners/1.jsonl", "{\"id\": 1, \"name\": \"Ana\"}\n");
    write(
        "models/silver/cars_clean.sql",
        "SELECT id, upper(model) AS model FROM {{ source('bronze', 'cars') }}");
    write(
        "models/silver/owners_clean.sql",
        "SELECT id,\n  nam\nFROM {{ source('bronze', 'owners') }}");
    write("models/gold/owners_gold.sql", "SELECT * FROM {{ ref('owners_clean') }}");
  }

  @Test
  void runPrintsWhatItLoadedAndBuildsEveryModelButTheBrokenOneAndItsDescendants() {
    Result run = lagoa("run");

    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out())
        .contains("cars -> bronze.cars: 1 new file(s), 2 rows loaded")
        .contains("owners -> bronze.owners: 1 new file(s), 1 rows loaded")
        .containsPattern("BUILT +cars_clean")
        .contains(
            "FAILED       owners_clean: does not compile:\n"
                + "    models/silver/owners_clean.sql:2:3: column nam does not exist in"
                + " bronze.owners (did you mean name?)")
        .contains("SKIPPED      owners_gold: upstream model owners_clean failed");
  }

  @Test
  void sqlKeepsAnsweringEveryTableTheBrokenModelDoesNotProduce() {
    lagoa("run");

    Result clean = lagoa("sql", "--format", "csv", "SELECT count(*) AS n FROM silver.cars_clean");
    Result raw = lagoa("sql", "--format", "csv", "SELECT count(*) AS n FROM bronze.owners");

    assertThat(clean.out()).as(clean.err()).isEqualTo("n\n2\n");
    assertThat(raw.out()).as(raw.err()).isEqualTo("n\n1\n");
  }

  @Test
  void aModelsFolderThatIsNotYamlStillLetsRunReportItsLoadsAndSqlAnswer() throws IOException {
    write("models/schema.yml", "models:\n  cars_clean:\n    materialized: table\n   tests: []\n");

    Result run = lagoa("run");
    Result sql = lagoa("sql", "--format", "csv", "SELECT count(*) AS n FROM bronze.cars");

    assertThat(run.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out())
        .contains("cars -> bronze.cars: 1 new file(s), 2 rows loaded")
        .contains(
            "models/schema.yml:4:4: this line is indented differently from the lines above it"
                + " (the keys of one mapping must start in the same column)");
    assertThat(sql.out()).isEqualTo("n\n2\n");
  }

  @Test
  void compileReportsEveryProblemAndShowsTheRenderedSqlOfAModel() {
    lagoa("run", "cars", "owners");

    Result compile = lagoa("compile", "--show", "cars_clean");

    assertThat(compile.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(compile.out())
        .startsWith(
            "SELECT id, upper(model) AS model FROM \"lagoa_compile\".\"bronze.cars\"\n"
                + "models/silver/owners_clean.sql:2:3: column nam does not exist in bronze.owners"
                + " (did you mean name?)\n")
        .endsWith("2 models compiled, 1 with errors (1 problem), 0 not checked\n");
  }

  @Test
  void statusListsModelsNotBuiltStaleOrWithErrors() throws IOException {
    lagoa("run");
    write("landing/cars/2.jsonl", "{\"id\": 3, \"model\": \"Yaris\"}\n");
    lagoa("run", "cars", "--select", "owners_clean"); // loads cars; cars_clean is not rebuilt

    Result status = lagoa("status");

    assertThat(status.out())
        .containsPattern("stale inputs +cars_clean +silver.cars_clean +new data in bronze.cars")
        .containsPattern("has errors +owners_clean")
        .contains("3 model(s), 1 stale");
  }

  @Test
  void asOfASnapshotReadsEveryTableAtThatSnapshotsCommitTimeAndSaysSo() throws IOException {
    lagoa("run", "cars");
    String history = lagoa("history", "bronze.cars").out();
    String snapshot = history.lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
    lagoa("run", "owners");

    Result result =
        lagoa(
            "sql",
            "--format",
            "csv",
            "--as-of",
            snapshot,
            "SELECT (SELECT count(*) FROM bronze.cars) AS cars, (SELECT count(*) FROM"
                + " bronze.owners) AS owners");

    assertThat(result.out()).isEqualTo("cars,owners\n2,0\n");
    assertThat(result.err())
        .containsPattern(
            "note: as of snapshot "
                + snapshot
                + " of bronze.cars, committed at \\S+Z: every table is read as it was at that"
                + " time\n")
        .containsPattern(
            "note: bronze.owners did not exist yet at \\S+Z \\(its first commit is \\S+Z\\): it"
                + " reads as empty\n");
  }
}
