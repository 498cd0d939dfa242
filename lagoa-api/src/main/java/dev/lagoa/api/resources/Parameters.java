package dev.lagoa.api.resources;

import dev.lagoa.api.ApiError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A request's query parameters, each given at most once and each one the endpoint knows. */
final class Parameters {
  private final Map<String, List<String>> values;

  Parameters(Map<String, List<String>> values, Set<String> known) {
    for (Map.Entry<String, List<String>> entry : values.entrySet()) {
      if (!known.contains(entry.getKey())) {
        throw ApiError.badParameter(
            entry.getKey(),
            entry.getKey()
                + " is not a parameter of this endpoint (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
      if (entry.getValue().size() > 1) {
        throw ApiError.badParameter(
            entry.getKey(),
            entry.getKey()
                + " was given "
                + entry.getValue().size()
                + " times but it may be given once");
      }
    }
    this.values = values;
  }

  Optional<String> get(String name) {
    List<String> given = values.get(name);
    return given == null || given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
  }

  int positive(String name, int defaultValue, int max) {
    Optional<String> text = get(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    int value;
    try {
      value = Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw ApiError.badParameter(
          name, name + " was '" + text.get() + "' but it must be a whole number");
    }
    if (value < 1 || value > max) {
      throw ApiError.badParameter(
          name, name + " was '" + value + "' but it must be between 1 and " + max);
    }
    return value;
  }

  Optional<Long> snapshot() {
    return get("snapshot")
        .map(
            text -> {
              try {
                return Long.parseLong(text);
              } catch (NumberFormatException e) {
                throw ApiError.badParameter(
                    "snapshot", "snapshot was '" + text + "' but it must be a snapshot id");
              }
            });
  }
}
