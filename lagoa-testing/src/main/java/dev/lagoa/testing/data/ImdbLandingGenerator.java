package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded landing files of the IMDb scraper (DESIGN.md §1.1): one gzip NDJSON file per scraper run,
 * named {@code imdb_titles_<yyyyMMdd'T'HHmmss'Z'>.jsonl.gz} after the run's UTC start. Each line is
 * one title: {@code {"title":"The Silent Harbor","year":1994,"rating":9.3,"page":1,
 * "source_url":"https://www.imdb.com/chart/top/?page=1","scraped_at_utc":"2025-10-29T11:00:00Z"}}.
 * Runs are an hour apart; row {@code k} lists the same title in every run, on page {@code k / 50 +
 * 1}, with ratings falling down the chart and now and then moving by 0.1 between runs.
 */
public final class ImdbLandingGenerator {
  public static final Instant DEFAULT_FIRST_RUN = Instant.parse("2025-10-29T11:00:00Z");
  public static final int ROWS_PER_PAGE = 50;

  /** The rating {@link #writeEvolvedRun} writes on its last row instead of a number. */
  public static final String NOT_A_RATING = "N/A";

  private static final DateTimeFormatter FILE_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final JsonFactory JSON = new JsonFactory();
  private static final List<String> OPENINGS =
      List.of(
          "The",
          "A",
          "Return of the",
          "Last",
          "Beyond the",
          "Under the",
          "Tales of the",
          "Night of the",
          "Cidade de",
          "Le",
          "Der",
          "El");
  private static final List<String> NOUNS =
      List.of(
          "Harbor",
          "Prisoner",
          "Garden",
          "Empire",
          "River",
          "Voyage",
          "Witness",
          "Godfather",
          "Samurai",
          "Deus",
          "Mirror",
          "Stranger",
          "Château",
          "Sertão",
          "Knight",
          "Wolf",
          "Ladder",
          "Orchard",
          "Requiem",
          "Signal");
  private static final List<String> ADJECTIVES =
      List.of(
          "Silent",
          "Seventh",
          "Dark",
          "Lost",
          "Golden",
          "Crimson",
          "Quiet",
          "Eternal",
          "Broken",
          "Wild",
          "Fabuleux",
          "Hidden");

  private final long seed;
  private final Instant firstRunAt;

  /** Runs start at {@code firstRunAt} and repeat hourly. */
  public ImdbLandingGenerator(long seed, Instant firstRunAt) {
    this.seed = seed;
    this.firstRunAt = requireNonNull(firstRunAt, "firstRunAt is null");
  }

  /** Runs start at {@link #DEFAULT_FIRST_RUN}. */
  public ImdbLandingGenerator(long seed) {
    this(seed, DEFAULT_FIRST_RUN);
  }

  /** When run {@code run} (0-based) started. */
  public Instant runAt(int run) {
    if (run < 0) {
      throw new IllegalArgumentException("run was " + run + " but it must not be negative");
    }
    return firstRunAt.plus(Duration.ofHours(run));
  }

  /** {@code imdb_titles_20251029T110000Z.jsonl.gz} for a run that started at 11:00 UTC. */
  public static String fileName(Instant runAt) {
    return "imdb_titles_" + FILE_TIMESTAMP.format(runAt) + ".jsonl.gz";
  }

  /** The first {@code rows} titles run {@code run} scrapes, in chart order. */
  public List<ImdbTitle> titles(int run, int rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows was " + rows + " but it must not be negative");
    }
    Instant runAt = runAt(run);
    SplittableRandom drift = new SplittableRandom(seed * 31 + run);
    List<ImdbTitle> titles = new ArrayList<>(rows);
    for (int k = 0; k < rows; k++) {
      SplittableRandom random = new SplittableRandom(seed ^ (k + 1) * 0x9E3779B97F4A7C15L);
      int page = k / ROWS_PER_PAGE + 1;
      double rating = Math.max(5.0, 9.3 - 0.006 * k);
      int move = drift.nextInt(20);
      rating += move == 0 ? 0.1 : move == 1 ? -0.1 : 0.0;
      titles.add(
          new ImdbTitle(
              title(random),
              1921 + random.nextInt(105),
              Math.round(rating * 10) / 10.0,
              page,
              "https://www.imdb.com/chart/top/?page=" + page,
              runAt.plusSeconds(k / 10),
              25_000 + random.nextInt(3_000_000)));
    }
    return titles;
  }

  /** Writes run {@code run} with its first {@code rows} titles; returns the file. */
  public Path writeRun(Path dir, int run, int rows) {
    return write(dir, run, titles(run, rows), false);
  }

  /**
   * Writes run {@code run} as a later scraper version does: every row gains a {@code votes} integer
   * field after {@code scraped_at_utc}, and the last row's rating is the string {@value
   * #NOT_A_RATING}, so a loader must add a column and rescue a value of the wrong type.
   */
  public Path writeEvolvedRun(Path dir, int run, int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException(
          "rows was " + rows + " but an evolved run needs at least 1");
    }
    return write(dir, run, titles(run, rows), true);
  }

  private Path write(Path dir, int run, List<ImdbTitle> titles, boolean evolved) {
    Path file = dir.resolve(fileName(runAt(run)));
    try (OutputStream out = OutputFiles.createGzip(file);
        JsonGenerator json = JSON.createGenerator(out)) {
      json.setRootValueSeparator(null);
      for (int k = 0; k < titles.size(); k++) {
        ImdbTitle title = titles.get(k);
        json.writeStartObject();
        json.writeStringField("title", title.title());
        json.writeNumberField("year", title.year());
        if (evolved && k == titles.size() - 1) {
          json.writeStringField("rating", NOT_A_RATING);
        } else {
          json.writeNumberField("rating", title.rating());
        }
        json.writeNumberField("page", title.page());
        json.writeStringField("source_url", title.sourceUrl());
        json.writeStringField("scraped_at_utc", title.scrapedAtUtc().toString());
        if (evolved) {
          json.writeNumberField("votes", title.votes());
        }
        json.writeEndObject();
        json.writeRaw('\n');
      }
    } catch (IOException e) {
      throw OutputFiles.cannotWrite(file, e);
    }
    return file;
  }

  private static String title(SplittableRandom random) {
    String noun = pick(random, NOUNS);
    return switch (random.nextInt(6)) {
      case 0 -> pick(random, OPENINGS) + " " + noun;
      case 1 -> "The " + pick(random, ADJECTIVES) + " " + noun;
      case 2 -> noun + ", " + pick(random, NOUNS) + " and the " + pick(random, NOUNS);
      case 3 -> pick(random, ADJECTIVES) + " " + noun + ": Part " + (2 + random.nextInt(3));
      case 4 -> "\"" + noun + "\" " + pick(random, ADJECTIVES);
      default -> pick(random, ADJECTIVES) + " " + noun;
    };
  }

  private static String pick(SplittableRandom random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
