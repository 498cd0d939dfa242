package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/** The four CSV files {@link MovieLensGenerator#writeTo} writes, named as in ml-latest-small. */
public record MovieLensFiles(Path ratings, Path tags, Path movies, Path links) {
  public MovieLensFiles {
    requireNonNull(ratings, "ratings is null");
    requireNonNull(tags, "tags is null");
    requireNonNull(movies, "movies is null");
    requireNonNull(links, "links is null");
  }

  public List<Path> all() {
    return List.of(ratings, tags, movies, links);
  }
}
