package dev.lagoa.testing.sites;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** The titles of the IMDb-style fixture listing, generated from a seed, ranked by votes. */
public final class ImdbListing {
  private static final List<String> FIRST =
      List.of(
          "The",
          "A",
          "Return of the",
          "Beyond the",
          "Escape from",
          "Nights of the",
          "Children of the",
          "Into the");
  private static final List<String> SECOND =
      List.of(
          "Godfather",
          "Dark Knight",
          "Prestige",
          "Matrix",
          "Departed",
          "Pianist",
          "Shining",
          "Harbor",
          "Silence",
          "Wolf",
          "Pilgrim",
          "Stranger",
          "Runner",
          "Circus",
          "Conversation",
          "Apartment",
          "Seventh Seal",
          "Lighthouse",
          "Rain",
          "Samurai",
          "Gambler",
          "Inventor",
          "Heist",
          "Bicycle Thief");
  private static final List<String> CERTIFICATES = List.of("G", "PG", "PG-13", "R", "Not Rated");

  private final List<ImdbTitle> titles;

  private ImdbListing(List<ImdbTitle> titles) {
    this.titles = List.copyOf(titles);
  }

  /** 180 titles: the first 50 on the page, the rest behind three clicks on "50 more". */
  public static ImdbListing standard() {
    return generate(7, 180);
  }

  public static ImdbListing generate(long seed, int count) {
    Random random = new Random(seed);
    Set<String> names = new HashSet<>();
    Set<String> ids = new HashSet<>();
    List<ImdbTitle> titles = new ArrayList<>();
    long votes = 3_000_000;
    while (titles.size() < count) {
      String name =
          FIRST.get(random.nextInt(FIRST.size())) + " " + SECOND.get(random.nextInt(SECOND.size()));
      if (random.nextInt(6) == 0) {
        name = name + ": Part " + (2 + random.nextInt(3));
      }
      if (random.nextInt(9) == 0) {
        name = name + " & \"Friends\"";
      }
      if (!names.add(name)) {
        continue;
      }
      String id;
      do {
        id = String.format("tt%07d", 100_000 + random.nextInt(9_000_000));
      } while (!ids.add(id));
      int rank = titles.size() + 1;
      votes -= 1 + random.nextInt(15_000);
      BigDecimal rating = rank % 17 == 0 ? null : BigDecimal.valueOf(50 + random.nextInt(45), 1);
      titles.add(
          new ImdbTitle(
              rank,
              id,
              name,
              1950 + random.nextInt(75),
              rating,
              votes,
              80 + random.nextInt(100),
              CERTIFICATES.get(random.nextInt(CERTIFICATES.size()))));
    }
    return new ImdbListing(titles);
  }

  public List<ImdbTitle> titles() {
    return titles;
  }
}
