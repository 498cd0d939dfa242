package dev.lagoa.testing.sites;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A books catalogue in books.toscrape.com's structure, served on 127.0.0.1: 1,000 books in 50
 * categories, 20 a page, and a detail page per book. {@link #changeMarkup(boolean)} switches the
 * detail pages to a redesigned markup, the way a real site changes under a scraper.
 */
public final class BooksSite implements AutoCloseable {
  private static final Pattern ALL_PRODUCTS = Pattern.compile("/catalogue/page-(\\d+)\\.html");
  private static final Pattern CATEGORY =
      Pattern.compile("/catalogue/category/books/[^/]+_(\\d+)/(?:index|page-(\\d+))\\.html");

  private final BookCatalogue catalogue;
  private final BookPages pages;
  private final Map<String, Book> booksByPath = new HashMap<>();
  private final Map<Integer, BookCategory> categoriesByNumber = new HashMap<>();
  private final Map<String, BookCategory> categoriesByName = new HashMap<>();
  private final FixtureServer server;
  private volatile boolean changedMarkup;

  private BooksSite(BookCatalogue catalogue) {
    this.catalogue = catalogue;
    this.pages = new BookPages(catalogue);
    catalogue.books().forEach(book -> booksByPath.put(book.path(), book));
    catalogue
        .categories()
        .forEach(
            category -> {
              categoriesByNumber.put(category.number(), category);
              categoriesByName.put(category.name(), category);
            });
    this.server = FixtureServer.start(this::respond);
  }

  public static BooksSite start() {
    return new BooksSite(BookCatalogue.standard());
  }

  public static BooksSite start(BookCatalogue catalogue) {
    return new BooksSite(catalogue);
  }

  public BookCatalogue catalogue() {
    return catalogue;
  }

  public FixtureServer server() {
    return server;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** Serves detail pages with other class names from now on (or the original ones again). */
  public void changeMarkup(boolean changed) {
    this.changedMarkup = changed;
  }

  private FixtureResponse respond(FixtureRequest request) {
    String path = request.path();
    if (path.equals("/") || path.equals("/index.html")) {
      return FixtureResponse.html(pages.allProducts(1));
    }
    Book book = booksByPath.get(path);
    if (book != null) {
      return FixtureResponse.html(
          pages.detail(book, categoriesByName.get(book.category()), changedMarkup));
    }
    Matcher allProducts = ALL_PRODUCTS.matcher(path);
    if (allProducts.matches()) {
      int page = Integer.parseInt(allProducts.group(1));
      return page >= 1 && page <= catalogue.allProductsPageCount()
          ? FixtureResponse.html(pages.allProducts(page))
          : FixtureResponse.notFound(path);
    }
    Matcher category = CATEGORY.matcher(path);
    if (category.matches()) {
      BookCategory found = categoriesByNumber.get(Integer.parseInt(category.group(1)));
      int page = category.group(2) == null ? 1 : Integer.parseInt(category.group(2));
      if (found != null && path.equals(found.path(page)) && page <= found.pageCount()) {
        return FixtureResponse.html(pages.category(found, page));
      }
    }
    return FixtureResponse.notFound(path);
  }

  @Override
  public void close() {
    server.close();
  }
}
