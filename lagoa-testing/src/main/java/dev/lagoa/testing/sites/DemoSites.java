package dev.lagoa.testing.sites;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The three fixture sites together, for the offline demo: {@link #environment()} holds the
 * variables the examples' {@code lagoa.yaml} files read ({@code BOOKS_BASE_URL}, {@code
 * IMDB_BASE_URL}, {@code B3_BASE_URL}), so the same configuration that scrapes the real sites
 * scrapes these.
 */
public final class DemoSites implements AutoCloseable {
  private final BooksSite books;
  private final ImdbSite imdb;
  private final B3Site b3;

  private DemoSites(BooksSite books, ImdbSite imdb, B3Site b3) {
    this.books = books;
    this.imdb = imdb;
    this.b3 = b3;
  }

  public static DemoSites start() {
    BooksSite books = BooksSite.start();
    try {
      ImdbSite imdb = ImdbSite.start();
      try {
        return new DemoSites(books, imdb, B3Site.start());
      } catch (RuntimeException e) {
        imdb.close();
        throw e;
      }
    } catch (RuntimeException e) {
      books.close();
      throw e;
    }
  }

  public BooksSite books() {
    return books;
  }

  public ImdbSite imdb() {
    return imdb;
  }

  public B3Site b3() {
    return b3;
  }

  /**
   * The variables that point the examples at these sites, without a rate limit (they are local).
   */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("BOOKS_BASE_URL", books.baseUri().toString());
    environment.put("BOOKS_REQUESTS_PER_SECOND", "0");
    environment.put("IMDB_BASE_URL", imdb.baseUri().toString());
    environment.put("B3_BASE_URL", b3.baseUri().toString());
    return environment;
  }

  @Override
  public void close() {
    try (books;
        imdb;
        b3) {
      // closes all three, in reverse order, even if one fails
    }
  }

  /** Serves the sites until the process is stopped, printing the variables as shell exports. */
  public static void main(String[] args) throws InterruptedException {
    DemoSites sites = start();
    Runtime.getRuntime().addShutdownHook(new Thread(sites::close));
    sites
        .environment()
        .forEach((name, value) -> System.out.println("export " + name + "=" + value));
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
