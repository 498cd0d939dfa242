package dev.lagoa.scrape.fetch;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/**
 * A page could not be fetched. {@link #retryable()} says whether another attempt may succeed: true
 * for timeouts, connection failures and HTTP 5xx, 408 and 429; false for other 4xx answers.
 */
public final class FetchException extends LagoaException {
  private final boolean retryable;

  public FetchException(boolean retryable, String message, Throwable cause) {
    super(ErrorCategory.EXTERNAL, message, cause);
    this.retryable = retryable;
  }

  public FetchException(boolean retryable, String message) {
    super(ErrorCategory.EXTERNAL, message);
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** Whether an HTTP status is worth another attempt. */
  public static boolean retryableStatus(int status) {
    return status >= 500 || status == 408 || status == 429;
  }
}
