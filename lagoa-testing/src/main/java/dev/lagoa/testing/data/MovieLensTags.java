package dev.lagoa.testing.data;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import dev.lagoa.testing.data.MovieCatalog.Movie;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes tags.csv rows: a small share of users (58 of 610 in the real release) tag movies, one of
 * them far more than the rest; each (userId, movieId, tag) appears once; rows are sorted by userId
 * then movieId. A few tags hold a comma or a double quote, so they must be quoted.
 */
final class MovieLensTags {
  private static final List<String> TAGS =
      List.of(
          "funny",
          "Highly quotable",
          "will ferrell",
          "Boxing story",
          "MMA",
          "Tom Hardy",
          "drugs",
          "Leonardo DiCaprio",
          "Martin Scorsese",
          "way too long",
          "dark comedy",
          "twist ending",
          "atmospheric",
          "sci-fi",
          "thought-provoking",
          "based on a book",
          "In Netflix queue",
          "Disney",
          "pixar",
          "visually appealing",
          "quirky",
          "surreal",
          "classic",
          "World War II",
          "time travel",
          "dystopia",
          "psychology",
          "heist",
          "great soundtrack",
          "Oscar (Best Picture)",
          "satire",
          "politics",
          "nonlinear",
          "cult film",
          "superhero",
          "stylized",
          "predictable",
          "dark, gritty",
          "\"The Dude\"",
          "bittersweet",
          "mafia",
          "animation",
          "remake",
          "Studio Ghibli",
          "Palme d'Or");

  private MovieLensTags() {}

  static void write(
      CsvGenerator csv, SplittableRandom random, List<Movie> movies, int users, int tags)
      throws IOException {
    int taggerCount = Math.max(1, Math.min(users, (int) Math.round(users * 58.0 / 610)));
    int[] taggers = Arrays.copyOf(MovieLensRatings.shuffled(random, range(users)), taggerCount);
    double[] cumulative = new double[taggerCount];
    long[] windowStart = new long[taggerCount];
    double sum = 0;
    for (int t = 0; t < taggerCount; t++) {
      sum += Math.exp(1.5 * random.nextGaussian());
      cumulative[t] = sum;
      windowStart[t] =
          MovieLensRatings.FIRST_TIMESTAMP
              + random.nextLong(
                  MovieLensRatings.LAST_TIMESTAMP
                      - MovieLensRatings.FIRST_TIMESTAMP
                      - 86_400L * 400);
    }

    Set<String> seen = new HashSet<>();
    List<Tag> rows = new ArrayList<>(tags);
    long attempts = 0;
    while (rows.size() < tags) {
      if (++attempts > 100L * tags + 1_000) {
        throw new IllegalStateException(
            "Cannot draw "
                + tags
                + " distinct tags from "
                + taggerCount
                + " taggers and "
                + movies.size()
                + " movies: only "
                + rows.size()
                + " after "
                + attempts
                + " draws");
      }
      int position = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      int tagger = position >= 0 ? position : Math.min(-position - 1, taggerCount - 1);
      Movie movie = movies.get(random.nextInt(movies.size()));
      String tag = TAGS.get(random.nextInt(TAGS.size()));
      int userId = taggers[tagger] + 1;
      if (seen.add(userId + "/" + movie.movieId() + "/" + tag)) {
        long timestamp = windowStart[tagger] + random.nextLong(86_400L * 400);
        rows.add(new Tag(userId, movie.movieId(), tag, timestamp));
      }
    }
    rows.sort(Comparator.comparingInt(Tag::userId).thenComparingInt(Tag::movieId));
    for (Tag row : rows) {
      csv.writeStartArray();
      csv.writeNumber(row.userId());
      csv.writeNumber(row.movieId());
      csv.writeString(row.tag());
      csv.writeNumber(row.timestamp());
      csv.writeEndArray();
    }
  }

  private static int[] range(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    return values;
  }

  private record Tag(int userId, int movieId, String tag, long timestamp) {}
}
