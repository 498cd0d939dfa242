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
      Throwable cause) {
    super(
        category,
        "Cannot scrape source "
            + source
            + ": "
            + reason
            + " (after "
            + progress.pages()
            + " pages and "
            + progress.rows()
            + " rows, "
            + progress.errors()
            + " failed pages; no file was landed)",
        cause);
    this.progress = requireNonNull(progress, "progress is null");
  }

  /** What the run had fetched and read when it stopped. */
  public ScrapeProgress progress() {
    return progress;
  }
}
