package dev.lagoa.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingScannerTest {
  @TempDir Path landing;

  @Test
  void filesBeingWrittenAreNotDiscoveredAndTheRestComeInNameOrder() throws Exception {
    Files.writeString(landing.resolve("b_20251029T120000Z.jsonl.gz"), "x");
    Files.writeString(landing.resolve("a_20251029T110000Z.jsonl.gz"), "x");
    Files.writeString(landing.resolve(".b_20251029T130000Z.jsonl.gz.tmp"), "x");
    Files.writeString(landing.resolve("c.part"), "x");
    Files.createDirectories(landing.resolve("2025/10"));
    Files.writeString(landing.resolve("2025/10/d.jsonl.gz"), "x");

    assertThat(LandingScanner.scan(landing, "**").stream().map(LandingFile::name))
        .containsExactly(
            "2025/10/d.jsonl.gz", "a_20251029T110000Z.jsonl.gz", "b_20251029T120000Z.jsonl.gz");
    assertThat(LandingScanner.scan(landing, "*.jsonl.gz").stream().map(LandingFile::name))
        .containsExactly("a_20251029T110000Z.jsonl.gz", "b_20251029T120000Z.jsonl.gz");
  }

  @Test
  void aMissingLandingDirectoryIsNamed() {
    assertThatThrownBy(() -> LandingScanner.scan(landing.resolve("nope"), "**"))
        .hasMessage(
            "Cannot scan landing directory " + landing.resolve("nope") + ": it does not exist");
  }
}
