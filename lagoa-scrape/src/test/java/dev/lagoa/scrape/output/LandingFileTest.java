package dev.lagoa.scrape.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingFileTest {
  private static final Instant STARTED = Instant.parse("2025-11-22T01:25:33.123Z");

  private static Map<String, Object> row(String title, String price) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("title", title);
    row.put("price", new BigDecimal(price));
    return row;
  }

  private static String[] names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toArray(String[]::new);
    }
  }

  @Test
  void rowsStayInAHiddenTemporaryFileUntilTheRunCommits(@TempDir Path landing) throws IOException {
    try (LandingFile file = LandingFile.create(landing, "books", STARTED)) {
      file.write(row("A Light in the Attic", "51.77"));

      assertThat(names(landing)).containsExactly(".books_20251122T012533123Z.jsonl.gz.tmp");

      Path landed = file.commit();

      assertThat(landed).isEqualTo(landing.resolve("books_20251122T012533123Z.jsonl.gz"));
    }
    assertThat(names(landing)).containsExactly("books_20251122T012533123Z.jsonl.gz");
    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(landing.resolve("books_20251122T012533123Z.jsonl.gz")))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("{\"title\":\"A Light in the Attic\",\"price\":51.77}\n");
    }
  }

  @Test
  void closingWithoutCommittingLeavesNothing(@TempDir Path landing) throws IOException {
    try (LandingFile file = LandingFile.create(landing, "books", STARTED)) {
      file.write(row("Sharp Objects", "47.82"));
    }

    assertThat(names(landing)).isEmpty();
  }
}
