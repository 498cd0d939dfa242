package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lagoa.testing.data.MovieCatalog.Movie;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded MovieLens CSVs in the ml-latest-small format (DESIGN.md §1.2), UTF-8, {@code \n} line
 * ends, a header line each, values quoted only when they hold a comma or a quote:
 *
 * <ul>
 *   <li>{@code ratings.csv}: {@code userId,movieId,rating,timestamp}, e.g. {@code
 *       1,31,2.5,1260759144}: ratings 0.5 to 5.0 in half stars, unix seconds between 1996 and 2018,
 *       each (userId, movieId) once, sorted by userId then movieId;
 *   <li>{@code tags.csv}: {@code userId,movieId,tag,timestamp};
 *   <li>{@code movies.csv}: {@code movieId,title,genres}, e.g. {@code 11,"American President, The
 *       (1995)",Comedy|Drama|Romance}, a few with {@code (no genres listed)};
 *   <li>{@code links.csv}: {@code movieId,imdbId,tmdbId}, e.g. {@code 1,0114709,862}, imdbId
 *       zero-padded to 7 digits, tmdbId empty for a few movies.
 * </ul>
 *
 * <p>Every rating and tag refers to a movie in movies.csv; exactly {@link Sizes#unratedMovies()}
 * movies have no rating, so an analytics table that keeps every movie must hold NULLs for them.
 */
public final class MovieLensGenerator {
  private static final CsvFactory CSV =
      CsvFactory.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private final long seed;
  private final Sizes sizes;

  public MovieLensGenerator(long seed, Sizes sizes) {
    this.seed = seed;
    this.sizes = requireNonNull(sizes, "sizes is null");
  }

  /** A generator of the real ml-latest-small sizes. */
  public MovieLensGenerator(long seed) {
    this(seed, Sizes.ML_LATEST_SMALL);
  }

  public Sizes sizes() {
    return sizes;
  }

  /**
   * Writes ratings.csv, tags.csv, movies.csv and links.csv into {@code dir}; fails if any exists.
   * The real sizes take well under a second.
   */
  public MovieLensFiles writeTo(Path dir) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Movie> movies =
        MovieCatalog.generate(random.split(), sizes.movies(), sizes.unratedMovies());
    SplittableRandom ratingsRandom = random.split();
    SplittableRandom tagsRandom = random.split();
    MovieLensFiles files =
        new MovieLensFiles(
            dir.resolve("ratings.csv"),
            dir.resolve("tags.csv"),
            dir.resolve("movies.csv"),
            dir.resolve("links.csv"));
    write(
        files.movies(),
        List.of("movieId", "title", "genres"),
        csv -> {
          for (Movie movie : movies) {
            csv.writeStartArray();
            csv.writeNumber(movie.movieId());
            csv.writeString(movie.title());
            csv.writeString(movie.genres());
            csv.writeEndArray();
          }
        });
    write(
        files.links(),
        List.of("movieId", "imdbId", "tmdbId"),
        csv -> {
          for (Movie movie : movies) {
            csv.writeStartArray();
            csv.writeNumber(movie.movieId());
            csv.writeString(movie.imdbId());
            if (movie.tmdbId() == MovieCatalog.NO_TMDB_ID) {
              csv.writeNull();
            } else {
              csv.writeNumber(movie.tmdbId());
            }
            csv.writeEndArray();
          }
        });
    write(
        files.ratings(),
        List.of("userId", "movieId", "rating", "timestamp"),
        csv -> MovieLensRatings.write(csv, ratingsRandom, movies, sizes.users(), sizes.ratings()));
    write(
        files.tags(),
        List.of("userId", "movieId", "tag", "timestamp"),
        csv -> MovieLensTags.write(csv, tagsRandom, movies, sizes.users(), sizes.tags()));
    return files;
  }

  private static void write(Path file, List<String> columns, Rows rows) {
    CsvSchema.Builder schema = CsvSchema.builder();
    columns.forEach(schema::addColumn);
    try (Writer out =
            new BufferedWriter(
                new OutputStreamWriter(OutputFiles.create(file), StandardCharsets.UTF_8), 1 << 16);
        CsvGenerator csv = CSV.createGenerator(out)) {
      csv.setSchema(schema.build().withHeader());
      rows.write(csv);
    } catch (IOException e) {
      throw OutputFiles.cannotWrite(file, e);
    }
  }

  @FunctionalInterface
  private interface Rows {
    void write(CsvGenerator csv) throws IOException;
  }

  /**
   * How much to generate. {@link #ML_LATEST_SMALL} is the real release; {@link #scaled} multiplies
   * every count for benchmarks.
   */
  public record Sizes(int users, int movies, int ratings, int tags) {
    /** 610 users, 9,742 movies (and links), 100,836 ratings, 3,683 tags. */
    public static final Sizes ML_LATEST_SMALL = new Sizes(610, 9_742, 100_836, 3_683);

    public Sizes {
      List<String> problems = new ArrayList<>();
      if (users < 1) {
        problems.add("users was " + users + " but it must be at least 1");
      }
      if (movies < 2) {
        problems.add("movies was " + movies + " but it must be at least 2 (one stays unrated)");
      }
      if (tags < 0) {
        problems.add("tags was " + tags + " but it must not be negative");
      }
      if (problems.isEmpty()) {
        int ratedMovies = movies - unratedMovies(movies);
        if (ratings < ratedMovies) {
          problems.add(
              "ratings was "
                  + ratings
                  + " but it must be at least "
                  + ratedMovies
                  + ", one for each movie that has ratings");
        }
        if ((long) ratings > (long) users * ratedMovies) {
          problems.add(
              "ratings was "
                  + ratings
                  + " but "
                  + users
                  + " users can rate at most "
                  + (long) users * ratedMovies
                  + " of "
                  + ratedMovies
                  + " movies once each");
        }
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(
            "Cannot size MovieLens data: " + String.join("; ", problems));
      }
    }

    /** Every count times {@code factor}. */
    public Sizes scaled(int factor) {
      if (factor < 1) {
        throw new IllegalArgumentException("factor was " + factor + " but it must be at least 1");
      }
      return new Sizes(
          Math.multiplyExact(users, factor),
          Math.multiplyExact(movies, factor),
          Math.multiplyExact(ratings, factor),
          Math.multiplyExact(tags, factor));
    }

    /** Movies without a single rating: 18 of 9,742 as in the real release, at least one. */
    public int unratedMovies() {
      return unratedMovies(movies);
    }

    private static int unratedMovies(int movies) {
      return (int) Math.max(1, Math.round(movies * 18.0 / 9_742));
    }
  }
}
