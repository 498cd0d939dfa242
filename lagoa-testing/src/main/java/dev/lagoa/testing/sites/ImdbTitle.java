package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One title of the IMDb-style fixture listing.
 *
 * @param rank the position in the listing, 1-based, shown as "1. Title"
 * @param rating the IMDb rating with one decimal, or null for a title nobody rated yet
 */
public record ImdbTitle(
    int rank,
    String id,
    String title,
    int year,
    BigDecimal rating,
    long votes,
    int runtimeMinutes,
    String certificate) {
  public ImdbTitle {
    requireNonNull(id, "id is null");
    requireNonNull(title, "title is null");
    requireNonNull(certificate, "certificate is null");
  }
}
