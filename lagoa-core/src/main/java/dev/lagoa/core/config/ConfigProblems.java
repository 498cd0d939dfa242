package dev.lagoa.core.config;

import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found while reading a configuration file so they can be reported together,
 * each with its path: {@code sources.cars.format was 'xml' but it must be one of ndjson, json, csv,
 * parquet}.
 */
public final class ConfigProblems {
  private final String file;
  private final List<String> problems = new ArrayList<>();

  public ConfigProblems(String file) {
    this.file = file;
  }

  public void add(String path, String message) {
    problems.add(path.isEmpty() ? message : path + " " + message);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<String> all() {
    return List.copyOf(problems);
  }

  /** Throws a user-input error listing every problem, if there is any. */
  public void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder("Invalid configuration " + file + ":");
    for (String problem : problems) {
      message.append("\n  - ").append(problem);
    }
    throw new LagoaException(ErrorCategory.USER_INPUT, message.toString());
  }
}
