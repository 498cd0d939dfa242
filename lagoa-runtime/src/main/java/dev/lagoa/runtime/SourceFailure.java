package dev.lagoa.runtime;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;

/**
 * A source of a {@code lagoa run} that failed; the run went on with what did not depend on it.
 *
 * @param message what failed, naming the landing file or page where known
 */
public record SourceFailure(String source, ErrorCategory category, String message) {
  public SourceFailure {
    requireNonNull(source, "source is null");
    requireNonNull(category, "category is null");
    requireNonNull(message, "message is null");
  }

  /** The failure of {@code source}, with the category and message of {@code error}. */
  public SourceFailure(String source, LagoaException error) {
    this(source, requireNonNull(error, "error is null").category(), error.getMessage());
  }
}
