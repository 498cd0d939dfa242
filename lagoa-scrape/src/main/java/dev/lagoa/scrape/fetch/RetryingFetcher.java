package dev.lagoa.scrape.fetch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches through another fetcher, politely and patiently: every attempt waits for the host's rate
 * limit, and attempts that may succeed later (timeouts, 5xx, 429) are repeated after a backoff that
 * doubles each time.
 */
public final class RetryingFetcher implements PageFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingFetcher.class);

  private final PageFetcher delegate;
  private final HostRateLimiter limiter;
  private final int retries;
  private final Duration backoff;
  private final Sleeper sleeper;

  public RetryingFetcher(
      PageFetcher delegate,
      HostRateLimiter limiter,
      int retries,
      Duration backoff,
      Sleeper sleeper) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.limiter = requireNonNull(limiter, "limiter is null");
    this.retries = retries;
    this.backoff = requireNonNull(backoff, "backoff is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
  }

  @Override
  public FetchedPage fetch(URI url) {
    int attempts = retries + 1;
    for (int attempt = 1; ; attempt++) {
      try {
        limiter.acquire(hostOf(url));
        return delegate.fetch(url);
      } catch (FetchException e) {
        if (!e.retryable()) {
          throw e;
        }
        if (attempt == attempts) {
          throw new FetchException(
              true,
              e.getMessage() + " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)"),
              e);
        }
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        LOG.warn(
            "{}; retrying in {} ms (attempt {} of {})",
            e.getMessage(),
            wait.toMillis(),
            attempt + 1,
            attempts);
        pause(url, wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException(false, "Cannot fetch " + url + ": interrupted", e);
      }
    }
  }

  private void pause(URI url, Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException(false, "Cannot fetch " + url + ": interrupted", e);
    }
  }

  /** The key rate limits and robots.txt rules are kept by: scheme, host and port. */
  public static String hostOf(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  @Override
  public void close() {
    delegate.close();
  }
}
