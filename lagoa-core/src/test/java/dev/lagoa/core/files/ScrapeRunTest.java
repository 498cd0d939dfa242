package dev.lagoa.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeRunTest {
  @TempDir Path landing;

  private final ScrapeRun run =
      new ScrapeRun("books_20251122T012533123Z", "books_web", 1051, 1000, 2, 1, 3, 5300);

  @Test
  void aManifestIsHiddenBesideItsFileAndReadsBackAsWritten() throws IOException {
    Path file = landing.resolve("year=2025/month=11/day=22/books_20251122T012533123Z_0.parquet");

    run.writeManifest(file);

    Path manifest =
        landing.resolve("year=2025/month=11/day=22/.books_20251122T012533123Z_0.parquet.scrape");
    assertThat(manifest).exists();
    assertThat(Files.readString(manifest))
        .isEqualTo(
            "books_20251122T012533123Z\n"
                + "source=books_web;pages=1051;rows=1000;failed-pages=2;blocked=1;skipped=3;"
                + "elapsed-ms=5300\n");
    assertThat(AtomicLandingWrite.isInProgress(landing.relativize(manifest))).isTrue();
    assertThat(ScrapeRun.readManifest(file)).contains(run);
  }

  @Test
  void aFileNoScraperLandedHasNoRun() {
    assertThat(ScrapeRun.readManifest(landing.resolve("dropped.csv"))).isEmpty();
  }

  @Test
  void aDamagedManifestIsAnErrorNamingIt() throws IOException {
    Path file = landing.resolve("books_1.jsonl.gz");
    Files.writeString(ScrapeRun.manifestOf(file), "books_1\nsource=books_web;pages=many\n");

    assertThatThrownBy(() -> ScrapeRun.readManifest(file))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(".books_1.jsonl.gz.scrape")
        .hasMessageContaining("For input string: \"many\"");
  }

  @Test
  void aRunNameThatCouldNotBeReadBackIsRefused() {
    assertThatThrownBy(() -> new ScrapeRun("a;b", "s", 1, 1, 0, 0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot name a scrape run 'a;b'");
  }
}
