package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A category of the books fixture site, listed 20 books a page. */
public record BookCategory(int number, String name, List<Book> books) {
  public static final int PAGE_SIZE = 20;

  public BookCategory {
    requireNonNull(name, "name is null");
    books = List.copyOf(requireNonNull(books, "books is null"));
  }

  public int pageCount() {
    return Math.max(1, (books.size() + PAGE_SIZE - 1) / PAGE_SIZE);
  }

  /** Page 1 is {@code .../travel_2/index.html}, the others {@code .../travel_2/page-2.html}. */
  public String path(int page) {
    String directory = "/catalogue/category/books/" + Book.slug(name) + "_" + number + "/";
    return directory + (page == 1 ? "index.html" : "page-" + page + ".html");
  }
}
