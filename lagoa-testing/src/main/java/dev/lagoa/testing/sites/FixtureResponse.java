package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** What a fixture site answers to one request. */
public record FixtureResponse(int status, String contentType, byte[] body) {
  public FixtureResponse {
    requireNonNull(contentType, "contentType is null");
    requireNonNull(body, "body is null");
  }

  public static FixtureResponse html(String html) {
    return new FixtureResponse(
        200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  public static FixtureResponse json(String json) {
    return new FixtureResponse(
        200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
  }

  public static FixtureResponse text(String text, Charset charset) {
    return new FixtureResponse(
        200,
        "text/plain; charset=" + charset.name().toLowerCase(java.util.Locale.ROOT),
        text.getBytes(charset));
  }

  public static FixtureResponse status(int status, String message) {
    return new FixtureResponse(
        status, "text/plain; charset=utf-8", message.getBytes(StandardCharsets.UTF_8));
  }

  public static FixtureResponse notFound(String path) {
    return status(404, "Not found: " + path);
  }
}
