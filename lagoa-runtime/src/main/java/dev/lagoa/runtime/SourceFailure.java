package dev.lagoa.runtime;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.ErrorCategory;

/**
 * A source of a {@code lagoa run} that failed; the run went on with the other sources.
 *
 * @param message what failed, naming the landing file or page where known
 */
public record SourceFailure(String source, ErrorCategory category, String message) {
  public SourceFailure {
    requireNonNull(source, "source is null");
    requireNonNull(category, "category is null");
    requireNonNull(message, "message is null");
  }
}
