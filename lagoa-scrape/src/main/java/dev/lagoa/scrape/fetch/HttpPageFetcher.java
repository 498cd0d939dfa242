package dev.lagoa.scrape.fetch;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/** Fetches pages over plain HTTP with the JDK client: no scripts run, the bytes are the page. */
public final class HttpPageFetcher implements PageFetcher {
  private final HttpClient client;
  private final String userAgent;
  private final Duration timeout;
  private final Clock clock;

  public HttpPageFetcher(String userAgent, Duration timeout, Clock clock) {
    this.userAgent = requireNonNull(userAgent, "userAgent is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.clock = requireNonNull(clock, "clock is null");
    // HTTP/1.1: an http:// URL with HTTP/2 first tries an h2c upgrade, which many servers
    // mishandle.
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public FetchedPage fetch(URI url) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .header("Accept-Encoding", "gzip")
            .GET()
            .build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new FetchException(
          true, "Cannot fetch " + url + ": no answer within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new FetchException(true, "Cannot fetch " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(false, "Cannot fetch " + url + ": interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 400) {
      throw new FetchException(
          FetchException.retryableStatus(status), "Cannot fetch " + url + ": HTTP " + status);
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    byte[] body = decode(url, response);
    return new FetchedPage(url, response.uri(), status, contentType, body, clock.instant());
  }

  private static byte[] decode(URI url, HttpResponse<byte[]> response) {
    String encoding = response.headers().firstValue("Content-Encoding").orElse("");
    if (!encoding.equalsIgnoreCase("gzip")) {
      return response.body();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new FetchException(
          true, "Cannot fetch " + url + ": its gzip body is corrupt: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // The JDK 17 client has no close(); its threads end when it is unreachable.
  }
}
