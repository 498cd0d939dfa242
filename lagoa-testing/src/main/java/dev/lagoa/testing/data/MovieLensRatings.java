package dev.lagoa.testing.data;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import dev.lagoa.testing.data.MovieCatalog.Movie;
import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Writes ratings.csv rows: users {@code 1..users}, each with a distinct set of movies (at least 20
 * when there are enough ratings, a few users with thousands), rows sorted by userId then movieId as
 * in the real file. Every movie marked rated gets at least one rating and no other movie gets any.
 */
final class MovieLensRatings {
  /** The first and last rating times of ml-latest-small: 1996-03-29 and 2018-09-24. */
  static final long FIRST_TIMESTAMP = 828_124_615L;

  static final long LAST_TIMESTAMP = 1_537_799_250L;

  private MovieLensRatings() {}

  static void write(
      CsvGenerator csv, SplittableRandom random, List<Movie> movies, int users, int ratings)
      throws IOException {
    int[] rated = IntStream.range(0, movies.size()).filter(i -> movies.get(i).rated()).toArray();
    int[] quota = quotas(random, users, ratings, rated.length);
    // Every rated movie goes to one user first, so none is left without a rating.
    int[] coverage = shuffled(random, rated);
    int[] coverageEnd = coverageEnds(quota, rated.length, ratings);
    Popularity popularity = new Popularity(random, rated);

    BitSet chosen = new BitSet(movies.size());
    int coverageStart = 0;
    for (int user = 0; user < users; user++) {
      int count = 0;
      for (int j = coverageStart; j < coverageEnd[user]; j++) {
        chosen.set(coverage[j]);
        count++;
      }
      coverageStart = coverageEnd[user];
      while (count < quota[user]) {
        // Mostly popular movies; the uniform draws guarantee progress for users who rate nearly
        // all.
        int movie =
            random.nextInt(10) < 7 ? popularity.draw(random) : rated[random.nextInt(rated.length)];
        if (!chosen.get(movie)) {
          chosen.set(movie);
          count++;
        }
      }
      double bias = 0.4 * random.nextGaussian();
      long span =
          Math.min(
              LAST_TIMESTAMP - FIRST_TIMESTAMP,
              86_400L * (long) Math.exp(random.nextDouble() * Math.log(2_000)));
      long start = FIRST_TIMESTAMP + random.nextLong(LAST_TIMESTAMP - FIRST_TIMESTAMP - span + 1);
      for (int m = chosen.nextSetBit(0); m >= 0; m = chosen.nextSetBit(m + 1)) {
        chosen.clear(m);
        Movie movie = movies.get(m);
        csv.writeStartArray();
        csv.writeNumber(user + 1);
        csv.writeNumber(movie.movieId());
        csv.writeNumber(stars(random, movie.quality() + bias + 0.8 * random.nextGaussian()));
        csv.writeNumber(start + random.nextLong(span + 1));
        csv.writeEndArray();
      }
    }
  }

  /** Half-star steps from 0.5 to 5.0, whole stars more often, as people rate. */
  private static double stars(SplittableRandom random, double value) {
    double rounded = random.nextBoolean() ? Math.round(value) : Math.round(value * 2) / 2.0;
    return Math.min(5.0, Math.max(0.5, rounded));
  }

  /**
   * How many movies each user rates: a long tail, at least 20 each when possible, summing exactly.
   */
  static int[] quotas(SplittableRandom random, int users, int ratings, int ratedMovies) {
    int minimum = Math.min(20, ratings / users);
    double[] weights = new double[users];
    double total = 0;
    for (int u = 0; u < users; u++) {
      weights[u] = Math.exp(1.3 * random.nextGaussian());
      total += weights[u];
    }
    long extra = ratings - (long) minimum * users;
    int[] quota = new int[users];
    long assigned = 0;
    for (int u = 0; u < users; u++) {
      quota[u] = (int) Math.min(ratedMovies, minimum + (long) (extra * weights[u] / total));
      assigned += quota[u];
    }
    // Hand out what rounding and the cap left over, one at a time to users with room.
    for (int u = 0; assigned < ratings; u = (u + 1) % users) {
      if (quota[u] < ratedMovies) {
        quota[u]++;
        assigned++;
      }
    }
    return quota;
  }

  /** Shares of the coverage list, proportional to each user's quota and never above it. */
  private static int[] coverageEnds(int[] quota, int ratedMovies, int ratings) {
    int[] share = new int[quota.length];
    long assigned = 0;
    for (int u = 0; u < quota.length; u++) {
      share[u] = (int) ((long) ratedMovies * quota[u] / ratings);
      assigned += share[u];
    }
    for (int u = 0; assigned < ratedMovies; u = (u + 1) % quota.length) {
      if (share[u] < quota[u]) {
        share[u]++;
        assigned++;
      }
    }
    int[] ends = new int[quota.length];
    int end = 0;
    for (int u = 0; u < quota.length; u++) {
      end += share[u];
      ends[u] = end;
    }
    return ends;
  }

  static int[] shuffled(SplittableRandom random, int[] values) {
    int[] copy = values.clone();
    for (int i = copy.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = copy[i];
      copy[i] = copy[j];
      copy[j] = swap;
    }
    return copy;
  }

  /** Draws movies with a Zipf-like popularity: a few blockbusters, a long tail. */
  private static final class Popularity {
    private final int[] byRank;
    private final double[] cumulative;

    Popularity(SplittableRandom random, int[] movies) {
      byRank = shuffled(random, movies);
      cumulative = new double[byRank.length];
      double sum = 0;
      for (int rank = 0; rank < byRank.length; rank++) {
        sum += 1.0 / Math.pow(rank + 10, 0.9);
        cumulative[rank] = sum;
      }
    }

    int draw(SplittableRandom random) {
      double target = random.nextDouble() * cumulative[cumulative.length - 1];
      int position = Arrays.binarySearch(cumulative, target);
      return byRank[position >= 0 ? position : Math.min(-position - 1, byRank.length - 1)];
    }
  }
}
