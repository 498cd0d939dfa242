package dev.lagoa.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem found while reading a configuration file so they can be reported together,
 * each with its path: {@code sources.cars.format was 'xml' but it must be one of ndjson, json, csv,
 * parquet}. When the file's {@link YamlText} is known, each problem starts with the file, line and
 * column where the setting was written: {@code lagoa.yaml:7:13: sources.cars.format was 'xml' ...}.
 */
public final class ConfigProblems {
  private final String file;
  private final YamlText yaml;
  private final List<String> problems = new ArrayList<>();

  public ConfigProblems(String file) {
    this.file = file;
    this.yaml = null;
  }

  /** Problems located in {@code yaml}'s text. */
  public ConfigProblems(YamlText yaml) {
    this.file = yaml.origin();
    this.yaml = yaml;
  }

  public void add(String path, String message) {
    String problem = path.isEmpty() ? message : path + " " + message;
    problems.add(yaml == null ? problem : yaml.position(path) + ": " + problem);
  }

  /** The value at {@code path} as the user wrote it, for messages: never '' for a list. */
  public String written(String path, JsonNode value) {
    if (yaml != null) {
      var written = yaml.written(path);
      if (written.isPresent() && !written.get().isEmpty()) {
        return written.get();
      }
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** Whether the problems carry their own file and position. */
  public boolean located() {
    return yaml != null;
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
