package dev.lagoa.examples;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.QueryResult;
import dev.lagoa.runtime.SqlQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The demo: copies every shipped example into a workspace outside the tracked sources, lands its
 * offline data (generated, or scraped from fixture sites on 127.0.0.1), runs it and prints what landed
 * and how to explore it. Each run starts from a fresh workspace, so it can be repeated at will.
 */
public final class Demo {
  private static final Map<String, ExampleData> DATA = new LinkedHashMap<>();

  static {
    DATA.put("car-telemetry", new CarTelemetryData());
    DATA.put("imdb", new ImdbData());
  }

  private final Path examples;
  private final Path workspace;
  private final PrintWriter out;

  public Demo(Path examples, Path workspace, PrintWriter out) {
    this.examples = examples;
    this.workspace = workspace;
    this.out = out;
  }

  public void run(BiConsumer<String, LoadReport> onLoad) {
    if (!Files.isDirectory(examples)) {
      throw LagoaException.userInput("Cannot run the demo: examples directory %s does not exist", examples);
    }
    deleteRecursively(workspace);
    for (Map.Entry<String, ExampleData> example : DATA.entrySet()) {
      Path source = examples.resolve(example.getKey());
      if (!Files.exists(source.resolve(ProjectConfig.FILE_NAME))) {
        continue;
      }
      Path target = workspace.resolve(example.getKey());
      copy(source, target);
      out.printf("%n== %s (%s)%n", example.getKey(), target);
      try (Lakehouse lake = Lakehouse.open(target)) {
        for (int round = 1; round <= example.getValue().rounds(); round++) {
          example.getValue().land(target, round);
          for (LoadReport report : lake.ingest(List.of(), LoadListener.NONE)) {
            onLoad.accept(example.getKey(), report);
          }
        }
        for (String table : List.copyOf(lake.catalog().tables().stream().map(Object::toString).toList())) {
          QueryResult count = SqlQueries.run(lake.catalog(), lake.engine(), "SELECT count(*) FROM " + table, null, 1);
          out.printf("  %-36s %s rows%n", table, count.rows().get(0).get(0));
        }
      }
      out.printf("  explore: ./lagoa tables -p %s%n", workspace.getFileName().resolve(example.getKey()));
    }
  }

  private static void copy(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path relative = from.relativize(path);
        String first = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
        if (first.equals("landing") || first.equals("warehouse")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
