package dev.lagoa.runtime;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.LagoaException;

/** A source that failed in a run that went on with what did not depend on it. */
public record SourceFailure(String source, LagoaException error) {
  public SourceFailure {
    requireNonNull(source, "source is null");
    requireNonNull(error, "error is null");
  }
}
