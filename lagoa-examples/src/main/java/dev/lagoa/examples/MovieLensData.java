package dev.lagoa.examples;

import dev.lagoa.testing.data.MovieLensGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The four ml-latest-small CSVs at their real sizes (100,836 ratings, 3,683 tags, 9,742 movies).
 */
final class MovieLensData implements ExampleData {
  @Override
  public void land(Path example, int round) {
    Path landing = example.resolve("landing/movielens");
    try {
      Files.createDirectories(landing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    new MovieLensGenerator(2018).writeTo(landing);
  }
}
