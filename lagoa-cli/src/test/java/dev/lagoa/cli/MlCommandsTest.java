package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lagoa train, lagoa ml list and lagoa ml show on a small project whose target follows x. */
class MlCommandsTest {
  @TempDir Path project;

  private record Result(int exit, String out, String err) {}

  @BeforeEach
  void createProject() throws Exception {
    Path landing = Files.createDirectories(project.resolve("landing"));
    StringBuilder csv = new StringBuilder("x,kind,y\n");
    for (int i = 0; i < 300; i++) {
      String kind = i % 3 == 0 ? "a" : "b";
      csv.append(i % 50)
          .append(',')
          .append(kind)
          .append(',')
          .append(2 * (i % 50) + (kind.equals("a") ? 10 : 0))
          .append('\n');
    }
    Files.writeString(landing.resolve("points.csv"), csv);
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: points
        sources:
          points:
            type: files
            path: landing
            format: csv
            table: bronze.points
            schema: {hints: {x: double, y: double, kind: string}}
        ml:
          models:
            line:
              table: bronze.points
              target: y
              features:
                x: {type: numeric}
                kind: {type: categorical}
              algorithm: cart
              params: {max_depth: 8, min_child_weight: 1}
        """);
    assertThat(lagoa("run").exit()).isZero();
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
  void trainRegistersAServedVersionThatListAndShowReport() {
    Result train = lagoa("train", "line");

    assertThat(train.exit()).isZero();
    assertThat(train.out())
        .contains("model line version 1 (served)")
        .contains("rows         300 read, 0 dropped (missing values)")
        .contains("promotion    first served version (on rmse)");
    Result list = lagoa("ml", "list");
    assertThat(list.out()).containsPattern("line\\s+v1\\s+v1\\s+rmse");
    Result again = lagoa("train", "line");
    assertThat(again.out()).contains("model line version 2").contains("not worse, promoted");
    Result show = lagoa("ml", "show", "line");
    assertThat(show.out().lines().filter(l -> l.matches("v\\d+ .*"))).hasSize(2);
    assertThat(lagoa("ml", "show", "line", "1").out()).contains("model line version 1\n");
  }

  @Test
  void anUnknownModelOrVersionIsABadInputExit() {
    Result model = lagoa("train", "curve");
    Result version = lagoa("ml", "show", "line", "7");

    assertThat(model.exit()).isEqualTo(2);
    assertThat(model.err())
        .contains("Cannot find model curve: project points declares the models line");
    assertThat(version.exit()).isEqualTo(2);
    assertThat(version.err())
        .contains("Cannot find version 7 of model line: it has no versions yet");
  }
}
