package dev.lagoa.scrape;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/** A run that stopped: why, and what it had fetched by then. Nothing was landed. */
public final class ScrapeFailedException extends LagoaException {
  private final ScrapeProgress progress;

  ScrapeFailedException(
      String source,
      ScrapeProgress progress,
      ErrorCategory category,
      String reason,
      String failuresLog,
      Throwable cause) {
    super(
        category,
        "Cannot scrape source "
            + source
            + ": "
            + reason
            + " (after "
            + progress.pages()
            + " page"
            + (progress.pages() == 1 ? "" : "s")
            + " and "
            + progress.rows()
            + " row"
            + (progress.rows() == 1 ? "" : "s")
            + ", "
            + progress.errors()
            + " failed page"
            + (progress.errors() == 1 ? "" : "s")
            + "; no file was landed"
            + (progress.errors() > 0 ? "; failed pages are listed in " + failuresLog : "")
            + ")",
        cause);
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** What the run had fetched and read when it stopped. */
  public ScrapeProgress progress() {
    return progress;
  }
}
