package dev.lagoa.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicLandingWriteTest {
  @TempDir Path landing;

  @Test
  void theInProgressNameOfAFileIsHiddenBesideItAndCountsAsInProgress() {
    Path target = landing.resolve("cars/readings_1.jsonl.gz");

    Path inProgress = AtomicLandingWrite.inProgress(target);

    assertThat(inProgress).isEqualTo(landing.resolve("cars/.readings_1.jsonl.gz.tmp"));
    assertThat(AtomicLandingWrite.isInProgress(landing.relativize(inProgress))).isTrue();
    assertThat(AtomicLandingWrite.isInProgress(landing.relativize(target))).isFalse();
  }

  @Test
  void everythingInsideAStagingDirectoryIsInProgress() {
    Path staging = AtomicLandingWrite.stagingDirectory(landing, "ibov_20251103.parquet");
    Path staged = staging.resolve("year=2025/month=11/day=03/ibov_0.parquet");

    assertThat(staging.getFileName().toString()).isEqualTo(".ibov_20251103.parquet.tmp");
    assertThat(AtomicLandingWrite.isInProgress(landing.relativize(staged))).isTrue();
  }

  @Test
  void namesOtherToolsUseWhileWritingAreInProgress() {
    assertThat(AtomicLandingWrite.isInProgress("a.csv.part")).isTrue();
    assertThat(AtomicLandingWrite.isInProgress("a.csv.crdownload")).isTrue();
    assertThat(AtomicLandingWrite.isInProgress("a.csv.tmp")).isTrue();
    assertThat(AtomicLandingWrite.isInProgress(".a.csv")).isTrue();
    assertThat(AtomicLandingWrite.isInProgress("a.csv")).isFalse();
    assertThat(AtomicLandingWrite.isInProgress(Path.of("2025/11/a.csv"))).isFalse();
  }

  @Test
  void publishingRenamesTheFinishedFileIntoAFolderItCreates() throws IOException {
    Path target = landing.resolve("year=2025/month=11/a.parquet");
    Path finished = AtomicLandingWrite.inProgress(landing.resolve("a.parquet"));
    Files.writeString(finished, "rows");

    Path published = AtomicLandingWrite.publish(finished, target);

    assertThat(published).isEqualTo(target);
    assertThat(Files.readString(target)).isEqualTo("rows");
    assertThat(finished).doesNotExist();
  }

  @Test
  void publishingAFileThatIsNotThereIsAnExternalErrorNamingBothPaths() {
    Path finished = landing.resolve(".gone.tmp");
    Path target = landing.resolve("gone.csv");

    assertThatThrownBy(() -> AtomicLandingWrite.publish(finished, target))
        .isInstanceOfSatisfying(
            LagoaException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.EXTERNAL))
        .hasMessageStartingWith("Cannot publish landing file " + finished + " as " + target + ": ");
    assertThat(target).doesNotExist();
  }
}
