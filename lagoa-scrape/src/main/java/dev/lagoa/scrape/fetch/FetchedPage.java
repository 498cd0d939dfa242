package dev.lagoa.scrape.fetch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A page as fetched.
 *
 * @param requestedUrl the URL the crawler asked for
 * @param url the URL the page finally came from, after redirects: the base of its relative links
 */
public record FetchedPage(
    URI requestedUrl, URI url, int status, String contentType, byte[] body, Instant fetchedAt) {
  public FetchedPage {
    requireNonNull(requestedUrl, "requestedUrl is null");
    requireNonNull(url, "url is null");
    requireNonNull(contentType, "contentType is null");
    requireNonNull(body, "body is null");
    requireNonNull(fetchedAt, "fetchedAt is null");
  }

  /** The charset the Content-Type header names, if it names a known one. */
  public Optional<Charset> charset() {
    for (String part : contentType.split(";")) {
      String trimmed = part.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = trimmed.substring("charset=".length()).replace("\"", "").trim();
        try {
          return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The body as text, in the header's charset or else {@code fallback}. */
  public String text(Charset fallback) {
    return new String(body, charset().orElse(fallback));
  }
}
