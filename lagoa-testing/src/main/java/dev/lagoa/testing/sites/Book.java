package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * One book of the books fixture site, with the values its pages show. Titles are not unique (the
 * real catalogue repeats some); the UPC is.
 */
public record Book(
    int id,
    String upc,
    String title,
    String category,
    BigDecimal price,
    int rating,
    int stock,
    String description) {
  public Book {
    requireNonNull(upc, "upc is null");
    requireNonNull(title, "title is null");
    requireNonNull(category, "category is null");
    requireNonNull(price, "price is null");
    requireNonNull(description, "description is null");
  }

  /** The detail page, {@code /catalogue/a-light-in-the-attic_1000/index.html}. */
  public String path() {
    return "/catalogue/" + slug(title) + "_" + id + "/index.html";
  }

  static String slug(String text) {
    String slug =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return slug.isEmpty() ? "book" : slug;
  }

  /** The rating as the star-rating CSS class writes it: 3 → "Three". */
  public String ratingWord() {
    return switch (rating) {
      case 1 -> "One";
      case 2 -> "Two";
      case 3 -> "Three";
      case 4 -> "Four";
      case 5 -> "Five";
      default ->
          throw new IllegalStateException("Cannot name rating " + rating + ": it must be 1 to 5");
    };
  }
}
