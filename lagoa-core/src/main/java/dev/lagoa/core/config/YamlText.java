package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML text read for configuration: its values, and where in the user's file each setting was
 * written, so a problem reads {@code lagoa.yaml:12:13: sources.cars.format was 'xml' but ...} and a
 * syntax error points at the line and column of the mistake, without the parser's own wording about
 * its input.
 *
 * <p>Paths are those of {@link ConfigNode}: keys joined by dots, list items as {@code [index]}.
 */
public final class YamlText {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Where a setting was written: 1-based line and column, and the text the user wrote. */
  public record Location(int line, int column, String written) {
    public Location {
      requireNonNull(written, "written is null");
    }
  }

  private final String origin;
  private final JsonNode root;
  private final Map<String, Location> locations;

  private YamlText(String origin, JsonNode root, Map<String, Location> locations) {
    this.origin = origin;
    this.root = root;
    this.locations = locations;
  }

  /**
   * Parses {@code text}, which starts on line {@code firstLine} of the file {@code origin} (1 for a
   * whole file; later for a block embedded in another file, such as a model's header).
   *
   * @throws LagoaException when the text is not valid YAML; the message is {@code
   *     origin:line:column: what is wrong}
   */
  public static YamlText parse(String text, String origin, int firstLine) {
    requireNonNull(text, "text is null");
    Node document;
    try {
      document = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw syntaxError(text, origin, firstLine, e);
    } catch (RuntimeException e) {
      throw LagoaException.userInput("%s:%d: is not valid YAML: %s", origin, firstLine, e);
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (IOException e) {
      throw LagoaException.userInput(
          "%s:%d: is not valid YAML: %s",
          origin, firstLine, e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, Location> locations = new HashMap<>();
    if (document != null) {
      new Locator(text, firstLine, locations).visit(document, "");
    }
    return new YamlText(
        origin, root == null ? MissingNode.getInstance() : root, Map.copyOf(locations));
  }

  public String origin() {
    return origin;
  }

  /** The parsed values; a missing node for an empty text. */
  public JsonNode root() {
    return root;
  }

  /**
   * Where the setting at {@code path} was written: the value when it is a single value, else its
   * key; for a path that is not in the text, the nearest setting above it that is.
   */
  public Optional<Location> locate(String path) {
    String current = path;
    while (true) {
      Location location = locations.get(current);
      if (location != null) {
        return Optional.of(location);
      }
      if (current.isEmpty()) {
        return Optional.empty();
      }
      int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
      current = cut < 0 ? "" : current.substring(0, cut);
    }
  }

  /** {@code origin:line:column} of the setting at {@code path}, or just the origin. */
  public String position(String path) {
    return locate(path).map(l -> origin + ":" + l.line() + ":" + l.column()).orElse(origin);
  }

  /** The value at {@code path} as the user wrote it ({@code [a, b]} for a flow list). */
  public Optional<String> written(String path) {
    return Optional.ofNullable(locations.get(path)).map(Location::written);
  }

  private static LagoaException syntaxError(
      String text, String origin, int firstLine, MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
    int line = mark == null ? 0 : mark.getLine();
    int column = mark == null ? 0 : mark.getColumn();
    String explanation;
    if (problem.contains("TAB")) {
      explanation = "a tab is used for indentation; indent YAML with spaces";
    } else if (problem.startsWith("mapping values are not allowed")) {
      // The parser stops at the ':' of a key indented deeper than the keys above it (or at a ': '
      // inside an unquoted value): the mistake is the indentation at the start of the line.
      column = firstNonBlank(text, line);
      explanation =
          "this line is indented differently from the line above it (or holds ': ' in an"
              + " unquoted value; quote the value)";
    } else if (problem.startsWith("expected <block end>")) {
      column = firstNonBlank(text, line);
      explanation =
          "this line is indented differently from the lines above it (the keys of one mapping"
              + " must start in the same column)";
    } else {
      explanation = "is not valid YAML: " + problem.strip();
    }
    return LagoaException.userInput(
        "%s:%d:%d: %s", origin, line + firstLine, column + 1, explanation);
  }

  private static int firstNonBlank(String text, int line) {
    String[] lines = text.split("\n", -1);
    if (line >= lines.length) {
      return 0;
    }
    String content = lines[line];
    int column = 0;
    while (column < content.length() && Character.isWhitespace(content.charAt(column))) {
      column++;
    }
    return column;
  }

  /** Walks the composed nodes, recording where each path was written. */
  private record Locator(String text, int firstLine, Map<String, Location> locations) {
    void visit(Node node, String path) {
      if (node instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key) {
            String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            Node value = tuple.getValueNode();
            Node located = value instanceof MappingNode || isEmpty(value) ? key : value;
            locations.put(child, location(located, value));
            visit(value, child);
          }
        }
      } else if (node instanceof SequenceNode sequence) {
        int index = 0;
        for (Node item : sequence.getValue()) {
          String child = path + "[" + index++ + "]";
          locations.put(child, location(item, item));
          visit(item, child);
        }
      }
    }

    private static boolean isEmpty(Node node) {
      return node.getStartMark().getIndex() == node.getEndMark().getIndex();
    }

    private Location location(Node at, Node value) {
      Mark start = at.getStartMark();
      int from = Math.min(value.getStartMark().getIndex(), text.length());
      int to = Math.min(value.getEndMark().getIndex(), text.length());
      String written = text.substring(from, Math.max(from, to)).strip();
      return new Location(start.getLine() + firstLine, start.getColumn() + 1, written);
    }
  }
}
