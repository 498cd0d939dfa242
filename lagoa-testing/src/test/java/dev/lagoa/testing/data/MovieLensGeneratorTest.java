package dev.lagoa.testing.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lagoa.testing.data.MovieLensGenerator.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensGeneratorTest {
  private static final CsvMapper CSV = new CsvMapper();

  private static final Pattern RATING = Pattern.compile("[0-5]\\.[05]");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{9,10}");

  @TempDir static Path shared;
  private static MovieLensFiles real;
  private static List<Map<String, String>> ratings;
  private static List<Map<String, String>> tags;
  private static List<Map<String, String>> movies;
  private static List<Map<String, String>> links;

  @TempDir Path dir;

  @BeforeAll
  static void writeAndReadTheRealSizesOnce() throws IOException {
    real = new MovieLensGenerator(42).writeTo(shared);
    ratings = read(real.ratings());
    tags = read(real.tags());
    movies = read(real.movies());
    links = read(real.links());
  }

  @Test
  void theDefaultSizesAreThoseOfMlLatestSmall() throws IOException {
    assertThat(firstLine(real.ratings())).isEqualTo("userId,movieId,rating,timestamp");
    assertThat(firstLine(real.tags())).isEqualTo("userId,movieId,tag,timestamp");
    assertThat(firstLine(real.movies())).isEqualTo("movieId,title,genres");
    assertThat(firstLine(real.links())).isEqualTo("movieId,imdbId,tmdbId");

    assertThat(ratings).hasSize(100_836);
    assertThat(tags).hasSize(3_683);
    assertThat(movies).hasSize(9_742);
    assertThat(links).hasSize(9_742);
    assertThat(column(ratings, "userId"))
        .isEqualTo(
            IntStream.rangeClosed(1, 610).mapToObj(Integer::toString).collect(Collectors.toSet()));
  }

  @Test
  void ratingsAreHalfStarsInUnixSecondsOncePerUserAndMovieInFileOrder() {
    // Plain loops collecting offenders: a hundred thousand AssertJ assertions take seconds.
    List<String> badValues = new ArrayList<>();
    List<String> outOfOrder = new ArrayList<>();
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < ratings.size(); i++) {
      Map<String, String> rating = ratings.get(i);
      String value = rating.get("rating");
      String timestamp = rating.get("timestamp");
      if (!RATING.matcher(value).matches()
          || Double.parseDouble(value) < 0.5
          || !TIMESTAMP.matcher(timestamp).matches()
          || Long.parseLong(timestamp) < 828_124_615L
          || Long.parseLong(timestamp) > 1_537_799_250L
          || !pairs.add(rating.get("userId") + "/" + rating.get("movieId"))) {
        badValues.add(rating.toString());
      }
      if (i > 0 && compareUserThenMovie(ratings.get(i - 1), rating) >= 0) {
        outOfOrder.add(rating.toString());
      }
    }
    Map<String, Long> perUser =
        ratings.stream()
            .collect(Collectors.groupingBy(r -> r.get("userId"), Collectors.counting()));

    assertThat(badValues).isEmpty();
    assertThat(outOfOrder).isEmpty();
    assertThat(perUser.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(20));
    assertThat(perUser.values().stream().mapToLong(Long::longValue).max().orElseThrow())
        .isGreaterThan(1_000);
    assertThat(column(ratings, "rating")).contains("0.5", "5.0", "3.5");
  }

  @Test
  void everyRatingAndTagRefersToAMovieAndSomeMoviesHaveNoRatings() throws IOException {
    Set<String> movieIds = column(movies, "movieId");
    Set<String> rated = column(ratings, "movieId");

    assertThat(movieIds).hasSize(9_742);
    assertThat(column(links, "movieId")).isEqualTo(movieIds);
    assertThat(movieIds).containsAll(rated);
    assertThat(movieIds).containsAll(column(tags, "movieId"));
    assertThat(movieIds.size() - rated.size())
        .isEqualTo(Sizes.ML_LATEST_SMALL.unratedMovies())
        .isEqualTo(18);
    assertThat(movieIds.stream().mapToInt(Integer::parseInt).max().orElseThrow())
        .as("movie ids have gaps, as in the real release")
        .isGreaterThan(9_742 * 2);
  }

  @Test
  void titlesAreQuotedOnlyWhenTheyHoldACommaOrAQuote() throws IOException {
    List<String> lines = Files.readAllLines(real.movies()).subList(1, 9_743);

    for (int i = 0; i < movies.size(); i++) {
      String title = movies.get(i).get("title");
      String line = lines.get(i);
      assertThat(title).matches(".+ \\((19|20)\\d\\d\\)");
      if (title.contains(",") || title.contains("\"")) {
        assertThat(line).contains(",\"" + title.replace("\"", "\"\"") + "\",");
      } else {
        assertThat(line)
            .isEqualTo(
                movies.get(i).get("movieId") + "," + title + "," + movies.get(i).get("genres"));
      }
      assertThat(movies.get(i).get("genres"))
          .matches("\\(no genres listed\\)|[A-Za-z-]+(\\|[A-Za-z-]+)*");
    }
    assertThat(column(movies, "title")).anyMatch(title -> title.matches(".+, The \\(\\d{4}\\)"));
    assertThat(column(movies, "title")).anyMatch(title -> title.startsWith("\""));
    assertThat(column(movies, "genres")).contains("(no genres listed)");
    assertThat(Files.readString(real.tags())).contains(",\"dark, gritty\",");
  }

  @Test
  void linksCarrySevenDigitImdbIdsAndSometimesNoTmdbId() throws IOException {
    assertThat(links).allSatisfy(link -> assertThat(link.get("imdbId")).matches("\\d{7}"));
    assertThat(column(links, "imdbId")).hasSize(links.size());
    assertThat(column(links, "imdbId")).anyMatch(id -> id.startsWith("0"));
    assertThat(links).anyMatch(link -> link.get("tmdbId").isEmpty());
    assertThat(links)
        .filteredOn(link -> !link.get("tmdbId").isEmpty())
        .allSatisfy(link -> assertThat(link.get("tmdbId")).matches("[1-9]\\d*"));
    assertThat(Files.readAllLines(real.links())).anyMatch(line -> line.matches("\\d+,\\d{7},"));
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Sizes small = new Sizes(12, 80, 600, 40);
    MovieLensFiles first = new MovieLensGenerator(1, small).writeTo(dir.resolve("a"));
    MovieLensFiles again = new MovieLensGenerator(1, small).writeTo(dir.resolve("b"));
    MovieLensFiles other = new MovieLensGenerator(2, small).writeTo(dir.resolve("c"));

    for (int i = 0; i < 4; i++) {
      assertThat(again.all().get(i)).hasSameBinaryContentAs(first.all().get(i));
    }
    assertThat(Files.readString(other.ratings())).isNotEqualTo(Files.readString(first.ratings()));
  }

  @Test
  void customAndScaledSizesAreWrittenExactly() throws IOException {
    Sizes small = new Sizes(15, 120, 900, 60);
    MovieLensFiles files = new MovieLensGenerator(3, small).writeTo(dir);

    assertThat(read(files.ratings())).hasSize(900);
    assertThat(read(files.tags())).hasSize(60);
    assertThat(read(files.movies())).hasSize(120);
    assertThat(column(read(files.ratings()), "movieId")).hasSize(120 - small.unratedMovies());
    assertThat(Sizes.ML_LATEST_SMALL.scaled(3))
        .isEqualTo(new Sizes(1_830, 29_226, 302_508, 11_049));
    assertThat(Sizes.ML_LATEST_SMALL.scaled(3).unratedMovies()).isEqualTo(54);
  }

  @Test
  void impossibleSizesReportEveryProblemAtOnce() {
    assertThatThrownBy(() -> new Sizes(0, 1, 5, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot size MovieLens data: users was 0 but it must be at least 1; "
                + "movies was 1 but it must be at least 2 (one stays unrated); "
                + "tags was -1 but it must not be negative");
    assertThatThrownBy(() -> new Sizes(2, 10, 30, 0))
        .hasMessage(
            "Cannot size MovieLens data: ratings was 30 but 2 users can rate at most 18 "
                + "of 9 movies once each");
  }

  private static int compareUserThenMovie(Map<String, String> a, Map<String, String> b) {
    int byUser =
        Integer.compare(Integer.parseInt(a.get("userId")), Integer.parseInt(b.get("userId")));
    return byUser != 0
        ? byUser
        : Integer.compare(Integer.parseInt(a.get("movieId")), Integer.parseInt(b.get("movieId")));
  }

  private static String firstLine(Path file) throws IOException {
    return Files.readAllLines(file).get(0);
  }

  private static List<Map<String, String>> read(Path file) throws IOException {
    try (MappingIterator<Map<String, String>> rows =
        CSV.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      return rows.readAll();
    }
  }

  private static Set<String> column(List<Map<String, String>> rows, String name) {
    return rows.stream().map(row -> row.get(name)).collect(Collectors.toSet());
  }
}
