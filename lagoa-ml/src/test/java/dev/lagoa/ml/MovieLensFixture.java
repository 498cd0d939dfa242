package dev.lagoa.ml;

import dev.lagoa.ingest.LoadListener;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.testing.data.MovieLensGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The shipped movielens example, copied into a directory, with generated data loaded and built. */
public final class MovieLensFixture {
  static final Path EXAMPLE = Path.of("..", "examples", "movielens").toAbsolutePath().normalize();

  /** A smaller ml-latest-small: same shape, a fifth of the ratings, so tests stay quick. */
  public static final MovieLensGenerator.Sizes SIZES =
      new MovieLensGenerator.Sizes(200, 2_000, 20_000, 300);

  private MovieLensFixture() {}

  public static Lakehouse build(Path directory) {
    copy(EXAMPLE.resolve("lagoa.yaml"), directory.resolve("lagoa.yaml"));
    copyTree(EXAMPLE.resolve("models"), directory.resolve("models"));
    new MovieLensGenerator(2018, SIZES).writeTo(directory.resolve("landing/movielens"));
    Lakehouse lakehouse = Lakehouse.open(directory);
    lakehouse.run(ProgressListener.NONE, LoadListener.NONE, false);
    return lakehouse;
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
