package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row the IMDb scraper lands: a title as listed on a chart page. {@code votes} is written only
 * by {@link ImdbLandingGenerator#writeEvolvedRun}, the run whose schema gained a field.
 */
public record ImdbTitle(
    String title,
    int year,
    double rating,
    int page,
    String sourceUrl,
    Instant scrapedAtUtc,
    long votes) {
  public ImdbTitle {
    requireNonNull(title, "title is null");
    requireNonNull(sourceUrl, "sourceUrl is null");
    requireNonNull(scrapedAtUtc, "scrapedAtUtc is null");
  }
}
