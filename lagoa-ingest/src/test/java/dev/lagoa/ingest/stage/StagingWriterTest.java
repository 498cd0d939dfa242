package dev.lagoa.ingest.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB reads the staged rows with a buffer of {@link StagingWriter#longestLine()} bytes: a line
 * longer than that would be refused, so the length must cover every line of every sibling.
 */
class StagingWriterTest {
  @TempDir Path staging;

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int longestLineIn(Path... files) throws Exception {
    int longest = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        longest = Math.max(longest, line.getBytes(StandardCharsets.UTF_8).length + 1);
      }
    }
    return longest;
  }

  @Test
  void theLongestLineCoversTheLinesOfEverySiblingWithTheirTagsAndNewline() throws Exception {
    StagingWriter first = new StagingWriter(staging.resolve("rows-0.ndjson"));
    StagingWriter second = first.sibling("rows-1.ndjson");
    StagingWriter part = second.sibling("rows-file3-part1.ndjson");
    String longValue = "é".repeat(5_000);

    first.writeOriginal(0, 1, utf8("{\"a\":1}"));
    part.writeOriginal(1_234_567, 9_876_543_210L, utf8("  { \"s\":\"" + longValue + "\"}"));
    second.writeOriginal(2, -1, utf8("{}"));
    for (StagingWriter writer : List.of(first, second, part)) {
      writer.close();
    }

    int actual =
        longestLineIn(
            staging.resolve("rows-0.ndjson"),
            staging.resolve("rows-1.ndjson"),
            staging.resolve("rows-file3-part1.ndjson"));
    assertThat(actual).isGreaterThan(10_000);
    assertThat(first.longestLine()).isBetween((long) actual, actual + 40L);
    assertThat(second.longestLine()).isEqualTo(first.longestLine());
    assertThat(Files.readAllLines(staging.resolve("rows-1.ndjson")))
        .containsExactly("{\"__lagoa_file\":2,\"__lagoa_line\":-1}");
  }
}
