package dev.lagoa.ml;

import dev.lagoa.ingest.LoadListener;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.data.MovieLensGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The shipped movielens example's models and {@code ml:} section, copied into a directory, with
 * generated CSVs loaded into the tables its change-data-capture source would fill ({@code
 * movielens_raw.*}) and the models built. Files sources stand in for the database here: these tests
 * are about training, and the capture itself is tested in lagoa-cdc.
 */
public final class MovieLensFixture {
  static final Path EXAMPLE = Path.of("..", "examples", "movielens").toAbsolutePath().normalize();

  /** A smaller ml-latest-small: same shape, a fifth of the ratings, so tests stay quick. */
  public static final MovieLensGenerator.Sizes SIZES =
      new MovieLensGenerator.Sizes(200, 2_000, 20_000, 300);

  private MovieLensFixture() {}

  public static Lakehouse build(Path directory) {
    writeConfig(directory.resolve("lagoa.yaml"));
    copyTree(EXAMPLE.resolve("models"), directory.resolve("models"));
    new MovieLensGenerator(2018, SIZES).writeTo(directory.resolve("landing/movielens"));
    Lakehouse lakehouse = Lakehouse.open(directory);
    lakehouse.run(ProgressListener.NONE, LoadListener.NONE, false);
    return lakehouse;
  }

  private static void writeConfig(Path target) {
    try {
      String example = Files.readString(EXAMPLE.resolve("lagoa.yaml"));
      String ml = example.substring(example.indexOf("\nml:\n") + 1);
      StringBuilder config =
          new StringBuilder("name: movielens\ncatalog: {uri: jdbc:sqlite:warehouse/catalog.db,")
              .append(" warehouse: warehouse}\nsources:\n");
      // The hints the CSV-only movielens project used: ids keep their zeros, ratings are doubles.
      Map<String, String> hints =
          new LinkedHashMap<>(
              Map.of(
                  "movies", "{title: string}",
                  "links", "{imdbId: string, tmdbId: long}",
                  "ratings", "{rating: double}",
                  "tags", "{tag: string}"));
      hints.forEach(
          (table, hint) ->
              config
                  .append("  ")
                  .append(table)
                  .append(":\n    type: files\n    path: landing/movielens\n    pattern: \"")
                  .append(table)
                  .append("*.csv\"\n    format: csv\n    table: movielens_raw.")
                  .append(table)
                  .append("\n    schema: {hints: ")
                  .append(hint)
                  .append("}\n"));
      Files.writeString(target, config.append(ml).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          copy(path, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.copy(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
