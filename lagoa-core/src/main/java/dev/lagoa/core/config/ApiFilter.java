package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One filter of a resource: the query parameter {@code name} (for a range, {@code name_min} and
 * {@code name_max}) compared with {@code column}.
 */
public record ApiFilter(String name, String column, ApiFilterMatch match) {
  public ApiFilter {
    requireNonNull(name, "name is null");
    requireNonNull(column, "column is null");
    requireNonNull(match, "match is null");
  }

  /** The query parameters this filter reads. */
  public List<String> parameters() {
    return match == ApiFilterMatch.RANGE ? List.of(name + "_min", name + "_max") : List.of(name);
  }
}
