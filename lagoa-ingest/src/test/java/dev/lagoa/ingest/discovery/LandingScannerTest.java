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
  void filesInsideHiddenDirectoriesAreWhereWritersStageAndAreNotDiscovered() throws Exception {
    Files.createDirectories(landing.resolve(".staging"));
    Files.writeString(landing.resolve(".staging/part-0001.jsonl"), "x");
    Files.writeString(landing.resolve("part-0000.jsonl"), "x");

    assertThat(LandingScanner.scan(landing, "**").stream().map(LandingFile::name))
        .containsExactly("part-0000.jsonl");
  }

  @Test
  void aSymbolicLinkIsFollowedOnlyWhenItStaysInsideTheLandingDirectory(@TempDir Path elsewhere)
      throws Exception {
    Path outside = Files.writeString(elsewhere.resolve("secret.jsonl"), "x");
    Path inside = Files.writeString(landing.resolve("a.jsonl"), "x");
    Files.createSymbolicLink(landing.resolve("leaves.jsonl"), outside);
    Files.createSymbolicLink(landing.resolve("stays.jsonl"), inside);
    Files.createSymbolicLink(landing.resolve("dangling.jsonl"), landing.resolve("gone.jsonl"));

    assertThat(LandingScanner.scan(landing, "**").stream().map(LandingFile::name))
        .containsExactly("a.jsonl", "stays.jsonl");
  }

  @Test
  void aMissingLandingDirectoryIsNamed() {
    assertThatThrownBy(() -> LandingScanner.scan(landing.resolve("nope"), "**"))
        .hasMessage(
            "Cannot scan landing directory " + landing.resolve("nope") + ": it does not exist");
  }
}
