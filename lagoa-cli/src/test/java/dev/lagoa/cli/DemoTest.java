package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: every shipped example, offline, from scratch, twice. */
class DemoTest {
  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

  @TempDir Path workspace;

  private String demo() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.execute(
            new String[] {
              "demo", "--examples", EXAMPLES.toString(), "--workspace", workspace.toString()
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    assertThat(exit).as(err.toString()).isZero();
    return out.toString();
  }

  @Test
  void theDemoRunsEveryExampleAndCanRunAgain() {
    demo();
    String output = demo();

    assertThat(output)
        .contains("== car-telemetry", "== imdb", "== movielens", "== books", "== bovespa")
        .containsPattern("bronze\\.car_readings_quarantine\\s+4 rows")
        .containsPattern("silver\\.car_readings\\s+\\d+ rows")
        .containsPattern("gold\\.temperature_alerts\\s+\\d+ rows")
        .containsPattern("bronze\\.ratings\\s+100836 rows")
        .containsPattern("analytics\\.analytics_movie_insights\\s+9742 rows")
        .containsPattern("gold\\.books\\s+1000 rows")
        .containsPattern("refined\\.carteira_ibov\\s+\\d+ rows")
        .contains("new columns: votes")
        .doesNotContain("FAILED");
  }
}
