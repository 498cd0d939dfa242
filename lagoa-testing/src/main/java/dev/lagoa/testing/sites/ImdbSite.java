package dev.lagoa.testing.sites;

import java.net.URI;
import java.util.Map;

/**
 * An IMDb-style title search served on 127.0.0.1, rendered by JavaScript: {@code /search/title/}
 * shows 50 titles and a "50 more" button; the rows are also in the page's {@code __NEXT_DATA__}
 * JSON, but only the first 50.
 */
public final class ImdbSite implements AutoCloseable {
  /** The listing's path; any query is accepted, as on the real site. */
  public static final String SEARCH_PATH = "/search/title/";

  private final ImdbListing listing;
  private final ImdbPages pages;
  private final FixtureServer server;

  private ImdbSite(ImdbListing listing) {
    this.listing = listing;
    this.pages = new ImdbPages(listing);
    this.server = FixtureServer.start(this::respond);
  }

  public static ImdbSite start() {
    return new ImdbSite(ImdbListing.standard());
  }

  public static ImdbSite start(ImdbListing listing) {
    return new ImdbSite(listing);
  }

  public ImdbListing listing() {
    return listing;
  }

  public FixtureServer server() {
    return server;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** The listing's URL, with the query a user would have. */
  public URI searchUri() {
    return URI.create(baseUri() + SEARCH_PATH + "?title_type=feature&sort=num_votes,desc");
  }

  private FixtureResponse respond(FixtureRequest request) {
    if (request.path().equals(SEARCH_PATH)) {
      return FixtureResponse.html(pages.searchPage());
    }
    if (request.path().equals("/api/search/titles")) {
      Map<String, String> query = request.query();
      int start = Integer.parseInt(query.getOrDefault("start", "0"));
      int count =
          Math.min(ImdbPages.PAGE_SIZE, Integer.parseInt(query.getOrDefault("count", "50")));
      return FixtureResponse.json(pages.titlesJson(start, count));
    }
    return FixtureResponse.notFound(request.path());
  }

  @Override
  public void close() {
    server.close();
  }
}
