package dev.lagoa.examples;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.SourceConfig;
import dev.lagoa.core.config.WebFetchMode;
import dev.lagoa.core.config.WebSourceConfig;
import dev.lagoa.core.files.Directories;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.QueryResult;
import dev.lagoa.runtime.RunReport;
import dev.lagoa.runtime.SourceFailure;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.sites.DemoSites;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo: copies every shipped example into a workspace outside the tracked sources, lands its
 * offline data (generated, or scraped from fixture sites on 127.0.0.1), runs it and prints what
 * landed and how to explore it. Each run starts from a fresh workspace, so it can be repeated at
 * will.
 */
public final class Demo {
  private static final Map<String, ExampleData> DATA = new LinkedHashMap<>();

  static {
    DATA.put("car-telemetry", new CarTelemetryData());
    DATA.put("imdb", new ImdbData());
    DATA.put("movielens", new MovieLensData());
    DATA.put("books", ExampleData.SCRAPED);
    DATA.put("bovespa", ExampleData.SCRAPED);
  }

  private final Path examples;
  private final Path workspace;
  private final PrintWriter out;

  public Demo(Path examples, Path workspace, PrintWriter out) {
    this.examples = examples;
    this.workspace = workspace;
    this.out = out;
  }

  /** Hears what each run of each example did. */
  public interface Listener {
    void ran(String example, RunReport report);

    void skipped(String example, String source, String reason);
  }

  public void run(Listener listener) {
    if (!Files.isDirectory(examples)) {
      throw LagoaException.userInput(
          "Cannot run the demo: examples directory %s does not exist", examples);
    }
    Directories.deleteRecursively(workspace);
    try (DemoSites sites = DemoSites.start()) {
      for (Map.Entry<String, ExampleData> example : DATA.entrySet()) {
        runExample(example.getKey(), example.getValue(), sites.environment(), listener);
      }
    }
  }

  private void runExample(
      String name, ExampleData data, Map<String, String> environment, Listener listener) {
    Path source = examples.resolve(name);
    if (!Files.exists(source.resolve(ProjectConfig.FILE_NAME))) {
      return;
    }
    Path target = workspace.resolve(name);
    copy(source, target);
    out.printf("%n== %s (%s)%n", name, target);
    try (Lakehouse lake = Lakehouse.open(target, environment)) {
      List<String> sources = new ArrayList<>();
      for (SourceConfig config : lake.config().sources().values()) {
        if (!lake.config().enabled(config.name())) {
          continue; // as `lagoa run` does: a disabled source runs only when named
        }
        if (config instanceof WebSourceConfig web
            && web.mode() == WebFetchMode.BROWSER
            && !Files.isExecutable(web.browser().executable())) {
          listener.skipped(
              name,
              web.name(),
              "no browser at "
                  + web.browser().executable()
                  + " (install Debian's chromium to scrape in a real headless browser); the generated landing files are loaded instead");
        } else {
          sources.add(config.name());
        }
      }
      for (int round = 1; round <= data.rounds(); round++) {
        try {
          data.land(target, round);
        } catch (UncheckedIOException e) {
          // the generators (lagoa-testing) report a file they cannot write this way
          throw LagoaException.external(
              e, "Cannot land the data of example %s: %s", target.getFileName(), e.getMessage());
        }
        RunReport loaded = lake.run(sources, ProgressListener.NONE, LoadListener.NONE);
        for (SourceFailure failure : loaded.failures()) {
          // The demo's own data must load: a failed source is a failed demo.
          throw new LagoaException(
              failure.category(), "Source " + failure.source() + " failed: " + failure.message());
        }
        Optional<ModelRunReport> models =
            lake.hasModels()
                ? Optional.of(lake.runModels(Selection.all(), false))
                : Optional.empty();
        listener.ran(
            name,
            new RunReport(
                loaded.scrapes(),
                loaded.loads(),
                loaded.failures(),
                models,
                loaded.skipped(),
                loaded.captures()));
        for (String query : data.queries(round)) {
          QueryResult result = lake.sql(query, null, 20);
          out.printf(
              "  round %d: %s%n    %s%n", round, query, String.join(" | ", result.columns()));
          for (List<String> row : result.rows()) {
            out.println("    " + String.join(" | ", row.stream().map(String::valueOf).toList()));
          }
        }
      }
      out.println("  tables:");
      for (String table : lake.tables()) {
        QueryResult count = lake.sql("SELECT count(*) FROM " + table, null, 1);
        out.printf("    %-36s %s rows%n", table, count.rows().get(0).get(0));
      }
      if (lake.hasModels()) {
        printFinalTables(lake);
      }
    }
  }

  /** A few rows of every model nothing else reads: the tables people query. */
  private void printFinalTables(Lakehouse lake) {
    ModelProject project = ModelProject.load(lake.config().directory());
    for (String model : project.graph().order()) {
      if (!project.graph().descendants(model).isEmpty()) {
        continue;
      }
      String table = project.model(model).config().table();
      if (lake.catalog().find(table).isEmpty()) {
        continue;
      }
      QueryResult rows = lake.sql("SELECT * FROM " + table + " LIMIT 3", null, 3);
      out.printf("  %s (first rows):%n", table);
      out.println("    " + String.join(" | ", rows.columns()));
      for (List<String> row : rows.rows()) {
        out.println(
            "    "
                + String.join(
                    " | ",
                    row.stream()
                        .map(value -> value == null ? "NULL" : abbreviate(value))
                        .toList()));
      }
    }
  }

  private static String abbreviate(String value) {
    return value.length() > 24 ? value.substring(0, 23) + "…" : value;
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
      throw LagoaException.external(e, "Cannot copy %s to %s: %s", from, to, e.getMessage());
    }
  }
}
