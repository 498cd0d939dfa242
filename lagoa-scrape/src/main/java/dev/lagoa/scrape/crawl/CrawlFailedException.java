package dev.lagoa.scrape.crawl;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/** A crawl stopped: its cause, and how far it got. */
public final class CrawlFailedException extends LagoaException {
  private final CrawlReport report;

  CrawlFailedException(Throwable cause, CrawlReport report) {
    super(
        cause instanceof LagoaException lagoa ? lagoa.category() : ErrorCategory.INTERNAL,
        messageOf(cause),
        cause);
    this.report = requireNonNull(report, "report is null");
  }

  private static String messageOf(Throwable cause) {
    return cause instanceof LagoaException ? cause.getMessage() : "Cannot crawl: " + cause;
  }

  public CrawlReport report() {
    return report;
  }
}
