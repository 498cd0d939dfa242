package dev.lagoa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code ./lagoa-bench/run crash N}: a few trials with fixed seeds, each
 * killing a real lagoa process once.
 */
class CrashTrialsTest {
  @Test
  void aPipelineKilledAtRandomPointsEndsWithTheTablesOfAnUninterruptedRun() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    CrashTrials.Outcome outcome =
        CrashTrials.run(
            Path.of("..").toAbsolutePath().normalize(),
            2,
            7,
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    String report = printed.toString(StandardCharsets.UTF_8);
    assertThat(outcome.failures()).as(report).isEmpty();
    assertThat(outcome.trials()).isEqualTo(2);
    assertThat(outcome.killPoints().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(2);
    assertThat(report).contains("2 trials, kill points by phase", "0 failures");
  }
}
