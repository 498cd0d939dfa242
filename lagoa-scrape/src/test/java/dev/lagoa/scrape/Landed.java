package dev.lagoa.scrape;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.core.config.WebSourceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Test helpers: the shipped examples' web sources, and the rows a run landed. */
final class Landed {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Path EXAMPLES = Path.of("..", "examples");

  private Landed() {}

  /** A web source of an example project, with its environment, landing in {@code landing}. */
  static WebSourceConfig exampleSource(
      String example, String source, Map<String, String> environment, Path landing) {
    return ((WebSourceConfig)
            new ProjectConfigLoader(environment::get)
                .load(EXAMPLES.resolve(example))
                .sources()
                .get(source))
        .withLanding(landing);
  }

  static List<Map<String, Object>> rows(Path file) {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        rows.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The lines of a plain (not gzipped) JSON lines file, such as a failed-pages log. */
  static List<Map<String, Object>> jsonLines(Path file) {
    try {
      List<Map<String, Object>> lines = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        lines.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() {}));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files in {@code directory}, temporary ones included, but not the failed-pages log. */
  static List<String> files(Path directory) {
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(path -> path.getFileName().toString())
          .filter(name -> !(name.startsWith(".") && name.endsWith("_failures.jsonl")))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
