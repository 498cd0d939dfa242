package dev.lagoa.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A view of one YAML mapping that reads typed values, records a problem (with its full path) for
 * every missing or malformed value instead of stopping at the first, and flags keys nobody asked
 * for, which are almost always typos.
 */
public final class ConfigNode {
  private final JsonNode node;
  private final String path;
  private final ConfigProblems problems;
  private final Set<String> read = new HashSet<>();
  private final boolean notMapping;

  public ConfigNode(JsonNode node, String path, ConfigProblems problems) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
    this.problems = problems;
    this.notMapping = !this.node.isMissingNode() && !this.node.isNull() && !this.node.isObject();
    if (notMapping) {
      problems.add(
          path, "was '" + problems.written(path, this.node) + "' but it must be a mapping");
    }
  }

  public String path() {
    return path;
  }

  public ConfigProblems problems() {
    return problems;
  }

  public boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  private String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private Optional<JsonNode> value(String key) {
    read.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public Optional<String> optionalString(String key) {
    return value(key)
        .flatMap(
            v -> {
              if (!v.isValueNode()) {
                problems.add(pathOf(key), "must be a single value");
                return Optional.empty();
              }
              return Optional.of(v.asText());
            });
  }

  public String string(String key, String defaultValue) {
    return optionalString(key).orElse(defaultValue);
  }

  /** A required non-blank string; records a problem and returns "" when absent. */
  public String requiredString(String key) {
    Optional<String> value = optionalString(key);
    if (value.isEmpty() || value.get().isBlank()) {
      if (!notMapping) { // a value that is not a mapping was reported already
        problems.add(pathOf(key), "is missing but it is required");
      }
      return "";
    }
    return value.get();
  }

  public int integer(String key, int defaultValue, int min) {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    if (!value.get().canConvertToInt() || !value.get().isIntegralNumber()) {
      problems.add(pathOf(key), "was '" + value.get().asText() + "' but it must be an integer");
      return defaultValue;
    }
    int result = value.get().asInt();
    if (result < min) {
      problems.add(pathOf(key), "was '" + result + "' but it must be at least " + min);
      return defaultValue;
    }
    return result;
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    if (!value.get().isBoolean()) {
      problems.add(pathOf(key), "was '" + value.get().asText() + "' but it must be true or false");
      return defaultValue;
    }
    return value.get().asBoolean();
  }

  /** A value from a fixed set, written in lower case in YAML ({@code schema.policy: rescue}). */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
    Optional<String> value = optionalString(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().replace('_', '-').equalsIgnoreCase(value.get())) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().replace('_', '-').toLowerCase(Locale.ROOT));
    }
    problems.add(
        pathOf(key),
        "was '" + value.get() + "' but it must be one of " + String.join(", ", allowed));
    return defaultValue;
  }

  /** A list of strings; a single string is accepted as a list of one. */
  public List<String> stringList(String key) {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (value.get().isValueNode()) {
      return List.of(value.get().asText());
    }
    if (!value.get().isArray()) {
      problems.add(pathOf(key), "must be a list");
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (JsonNode item : value.get()) {
      if (!item.isValueNode()) {
        problems.add(pathOf(key), "must hold only single values");
      } else {
        result.add(item.asText());
      }
    }
    return result;
  }

  public ConfigNode child(String key) {
    return new ConfigNode(value(key).orElse(null), pathOf(key), problems);
  }

  /** A list of mappings, each read by {@code reader}. */
  public <T> List<T> list(String key, Function<ConfigNode, T> reader) {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (!value.get().isArray()) {
      problems.add(pathOf(key), "must be a list");
      return List.of();
    }
    List<T> result = new ArrayList<>();
    int index = 0;
    for (JsonNode item : value.get()) {
      result.add(reader.apply(new ConfigNode(item, pathOf(key) + "[" + index++ + "]", problems)));
    }
    return result;
  }

  /** A mapping of names to mappings, in file order, each read by {@code reader}. */
  public <T> Map<String, T> namedChildren(String key, NamedReader<T> reader) {
    Optional<JsonNode> value = value(key);
    Map<String, T> result = new LinkedHashMap<>();
    if (value.isEmpty()) {
      return result;
    }
    if (!value.get().isObject()) {
      problems.add(pathOf(key), "must be a mapping of names");
      return result;
    }
    value
        .get()
        .fields()
        .forEachRemaining(
            e ->
                result.put(
                    e.getKey(),
                    reader.read(
                        e.getKey(),
                        new ConfigNode(e.getValue(), pathOf(key) + "." + e.getKey(), problems))));
    return result;
  }

  /** A mapping of names to single values. */
  public Map<String, String> stringMap(String key) {
    Optional<JsonNode> value = value(key);
    Map<String, String> result = new LinkedHashMap<>();
    if (value.isEmpty()) {
      return result;
    }
    if (!value.get().isObject()) {
      problems.add(pathOf(key), "must be a mapping");
      return result;
    }
    value
        .get()
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isValueNode()) {
                result.put(e.getKey(), e.getValue().asText());
              } else {
                problems.add(pathOf(key) + "." + e.getKey(), "must be a single value");
              }
            });
    return result;
  }

  /** The raw entries of this mapping, in file order (for settings that are a word or a mapping). */
  public Map<String, JsonNode> entries() {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue()));
    }
    return result;
  }

  /** Records a problem for every key present in this mapping that no reader asked for. */
  public void rejectUnknownKeys() {
    if (!node.isObject()) {
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!read.contains(key)) {
                problems.add(pathOf(key), "is not a known setting");
              }
            });
  }

  @FunctionalInterface
  public interface NamedReader<T> {
    T read(String name, ConfigNode node);
  }
}
