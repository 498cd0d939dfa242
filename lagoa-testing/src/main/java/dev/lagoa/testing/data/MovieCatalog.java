package dev.lagoa.testing.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The movies of a MovieLens data set with their links. Ids rise with gaps (real movieIds run to
 * 193609 for 9742 movies), titles follow MovieLens conventions ("American President, The (1995)",
 * {@code "Great Performances" Cats (1998)}), genres are pipe-separated in a fixed order.
 */
final class MovieCatalog {
  static final String NO_GENRES = "(no genres listed)";

  /** {@link Movie#tmdbId} of a movie whose link has no TMDB id. */
  static final int NO_TMDB_ID = 0;

  private static final List<String> GENRES =
      List.of(
          "Action",
          "Adventure",
          "Animation",
          "Children",
          "Comedy",
          "Crime",
          "Documentary",
          "Drama",
          "Fantasy",
          "Film-Noir",
          "Horror",
          "IMAX",
          "Musical",
          "Mystery",
          "Romance",
          "Sci-Fi",
          "Thriller",
          "War",
          "Western");
  private static final List<String> WORDS =
      List.of(
          "Toy",
          "Story",
          "Jumanji",
          "Heat",
          "Sabrina",
          "Casino",
          "Money",
          "Train",
          "Dead",
          "Man",
          "Walking",
          "Sense",
          "Sensibility",
          "Four",
          "Rooms",
          "Ace",
          "Ventura",
          "Balto",
          "Nixon",
          "Island",
          "Persuasion",
          "City",
          "Lost",
          "Children",
          "Dangerous",
          "Minds",
          "Twelve",
          "Monkeys",
          "Babe",
          "Pig",
          "Clueless",
          "Cry",
          "Beloved",
          "Country",
          "Othello",
          "Now",
          "Then",
          "Georgia",
          "Kicking",
          "Screaming",
          "Misérables",
          "Amélie",
          "Destin",
          "Bottle",
          "Rocket",
          "Big",
          "Night",
          "Usual",
          "Suspects",
          "Braveheart",
          "Taxi",
          "Driver");
  private static final List<String> ARTICLES = List.of("The", "A", "An", "Les", "Le", "La", "Der");

  private MovieCatalog() {}

  static List<Movie> generate(SplittableRandom random, int movies, int unrated) {
    int noGenres = random.nextInt(movies);
    int noTmdbId = random.nextInt(movies);
    Set<Integer> unratedIndexes = new HashSet<>();
    while (unratedIndexes.size() < unrated) {
      unratedIndexes.add(random.nextInt(movies));
    }
    Set<Integer> tmdbIds = new HashSet<>();
    List<Movie> catalog = new ArrayList<>(movies);
    int movieId = 0;
    long imdbId = 100_000;
    for (int i = 0; i < movies; i++) {
      movieId += gap(random);
      imdbId += 1 + random.nextInt(450);
      int year = Math.max(1902, 2018 - (int) Math.abs(random.nextGaussian() * 25));
      String genres = i == noGenres || random.nextInt(290) == 0 ? NO_GENRES : genres(random);
      int tmdbId = NO_TMDB_ID;
      if (i != noTmdbId && random.nextInt(1200) != 0) {
        do {
          tmdbId = 2 + random.nextInt(Math.max(600_000, movies * 60));
        } while (!tmdbIds.add(tmdbId));
      }
      catalog.add(
          new Movie(
              movieId,
              title(random, year),
              genres,
              String.format("%07d", imdbId),
              tmdbId,
              3.4 + 0.5 * random.nextGaussian(),
              !unratedIndexes.contains(i)));
    }
    return List.copyOf(catalog);
  }

  private static int gap(SplittableRandom random) {
    int kind = random.nextInt(100);
    return kind < 75 ? 1 : kind < 95 ? 2 + random.nextInt(9) : 10 + random.nextInt(290);
  }

  private static String title(SplittableRandom random, int year) {
    String base = word(random) + (random.nextBoolean() ? " " + word(random) : "");
    int kind = random.nextInt(1000);
    String title;
    if (kind < 3) {
      title = "\"" + word(random) + "\" " + base;
    } else if (kind < 83) {
      title = base + ", " + ARTICLES.get(random.nextInt(ARTICLES.size()));
    } else if (kind < 113) {
      title = base + " (" + word(random) + " " + word(random) + ")";
    } else {
      title = base;
    }
    return title + " (" + year + ")";
  }

  private static String word(SplittableRandom random) {
    return WORDS.get(random.nextInt(WORDS.size()));
  }

  private static String genres(SplittableRandom random) {
    boolean[] chosen = new boolean[GENRES.size()];
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      chosen[random.nextInt(GENRES.size())] = true;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < chosen.length; i++) {
      if (chosen[i]) {
        names.add(GENRES.get(i));
      }
    }
    return String.join("|", names);
  }

  /**
   * A movie and its link. {@code quality} is the mean rating users lean towards; {@code rated} is
   * false for the movies no one rates.
   */
  record Movie(
      int movieId,
      String title,
      String genres,
      String imdbId,
      int tmdbId,
      double quality,
      boolean rated) {}
}
