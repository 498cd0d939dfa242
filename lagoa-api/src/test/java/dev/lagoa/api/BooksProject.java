package dev.lagoa.api;

import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.runtime.AsOf;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.QueryResult;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.sites.BooksSite;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The books example, copied from {@code examples/books}, scraped from the fixture site and run
 * through the real pipeline once per test JVM; every API test reads this warehouse.
 */
final class BooksProject {
  private static final Path EXAMPLE =
      Path.of("..", "examples", "books").toAbsolutePath().normalize();
  private static BooksProject shared;

  final Path directory;
  final BooksSite site;
  final Map<String, String> environment;
  private Lakehouse queries;

  private BooksProject(Path directory, BooksSite site) {
    this.directory = directory;
    this.site = site;
    this.environment =
        Map.of(
            "BOOKS_BASE_URL",
            site.baseUri().toString().replaceAll("/$", ""),
            "BOOKS_REQUESTS_PER_SECOND",
            "0");
  }

  static synchronized BooksProject shared() {
    if (shared == null) {
      try {
        Path directory = Files.createTempDirectory("lagoa-api-books");
        copy(EXAMPLE, directory);
        BooksSite site = BooksSite.start();
        shared = new BooksProject(directory, site);
        Runtime.getRuntime().addShutdownHook(new Thread(site::close));
        try (Lakehouse lake = shared.open()) {
          lake.run(ProgressListener.NONE, LoadListener.NONE, false);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  ProjectConfig config() {
    return new ProjectConfigLoader(name -> environment.getOrDefault(name, System.getenv(name)))
        .load(directory);
  }

  Lakehouse open() {
    return Lakehouse.open(directory, environment);
  }

  /** A query through {@code lagoa sql}'s code path, at a snapshot (null: the current one). */
  synchronized QueryResult sql(String query, Long snapshot) {
    if (queries == null) {
      queries = open();
      Runtime.getRuntime().addShutdownHook(new Thread(queries::close));
    }
    return queries.sql(query, snapshot == null ? null : new AsOf(snapshot, null), 100_000);
  }

  String single(String query, Long snapshot) {
    return sql(query, snapshot).rows().get(0).get(0);
  }

  long currentSnapshot() {
    try (Lakehouse lake = open()) {
      return lake.catalog().load("gold.books").currentSnapshot().snapshotId();
    }
  }

  /**
   * Lands one more scrape file holding {@code lines} (NDJSON rows of books) and runs the loader and
   * the model: a new commit of gold.books through the real pipeline.
   */
  void commitScrape(String fileName, List<String> lines) {
    Path landing = directory.resolve("landing/books").resolve(fileName);
    try {
      Files.createDirectories(landing.getParent());
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(landing))) {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Lakehouse lake = open()) {
      lake.run(List.of("books_staging"), ProgressListener.NONE, LoadListener.NONE);
      lake.runModels(dev.lagoa.models.dag.Selection.all(), false);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        String relative = from.relativize(file).toString();
        if (relative.startsWith("warehouse") || relative.startsWith("landing")) {
          continue;
        }
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
