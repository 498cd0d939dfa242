package dev.lagoa.api.runs;

import static java.util.Objects.requireNonNull;

/** The id of a pipeline run, as the run engine names it. */
public record RunId(String value) {
  public RunId {
    requireNonNull(value, "value is null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a run id cannot be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
