package dev.lagoa.scrape.crawl;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.WebApiOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages of a JSON API: builds each page's URL and, from a fetched page, the next ones. With a
 * page count in the first answer every other page is queued at once (so they are fetched
 * concurrently); without one, page n+1 is requested while page n had rows.
 */
public final class ApiPager {
  private final WebApiOptions api;
  private final JsonPointer totalPages;
  private final Map<URI, Integer> pageByUri = new ConcurrentHashMap<>();

  public ApiPager(WebApiOptions api) {
    this.api = api;
    this.totalPages = api.totalPages().isEmpty() ? null : JsonPointer.compile(api.totalPages());
  }

  public URI firstPage() {
    return page(api.firstPage());
  }

  public URI page(int number) {
    String params = api.params().replace("{page}", Integer.toString(number));
    String encoded =
        switch (api.paramsEncoding()) {
          // '/' would split the path; servers decode %2F back before reading the parameter
          case BASE64 ->
              Base64.getEncoder()
                  .encodeToString(params.getBytes(StandardCharsets.UTF_8))
                  .replace("/", "%2F");
          case PLAIN -> URLEncoder.encode(params, StandardCharsets.UTF_8).replace("+", "%20");
        };
    URI uri =
        URI.create(
                api.url().replace("{page}", Integer.toString(number)).replace("{params}", encoded))
            .normalize();
    pageByUri.put(uri, number);
    return uri;
  }

  /** Whether the listing ends with an empty page, which is then no sign of a changed API. */
  public boolean endsOnEmptyPage(URI url) {
    return totalPages == null && numberOf(url) > api.firstPage();
  }

  public List<URI> next(URI url, JsonNode document, int rows) {
    int number = numberOf(url);
    if (totalPages == null) {
      return rows > 0 ? List.of(page(number + 1)) : List.of();
    }
    if (number != api.firstPage()) {
      return List.of();
    }
    JsonNode total = document.at(totalPages);
    if (!total.canConvertToInt() || total.asInt(-1) < 0) {
      throw new LagoaException(
          ErrorCategory.EXTERNAL,
          "Cannot page through "
              + url
              + ": path "
              + api.totalPages()
              + " is "
              + (total.isMissingNode() ? "missing" : total)
              + ", not a page count");
    }
    List<URI> pages = new ArrayList<>();
    for (int page = number + 1; page < api.firstPage() + total.asInt(); page++) {
      pages.add(page(page));
    }
    return pages;
  }

  private int numberOf(URI url) {
    Integer number = pageByUri.get(url);
    if (number == null) {
      throw new IllegalStateException(
          "Cannot tell the page number of " + url + ": it was not built by this pager");
    }
    return number;
  }
}
