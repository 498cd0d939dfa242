package dev.lagoa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short version of {@code ./lagoa-bench/run crash N}: one trial with a fixed seed, killing a
 * real lagoa process once (the harness itself runs many).
 */
class CrashTrialsTest {
  @Test
  void aPipelineKilledAtRandomPointsEndsWithTheTablesOfAnUninterruptedRun() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    CrashTrials.Outcome outcome =
        CrashTrials.run(
            Path.of("..").toAbsolutePath().normalize(),
            1,
            7,
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    String report = printed.toString(StandardCharsets.UTF_8);
    assertThat(outcome.failures()).as(report).isEmpty();
    assertThat(outcome.trials()).isEqualTo(1);
    assertThat(outcome.killPoints().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(1);
    assertThat(report).contains("1 trials, kill points by phase", "0 failures");
  }
}
