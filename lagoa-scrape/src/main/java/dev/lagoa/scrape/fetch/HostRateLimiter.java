package dev.lagoa.scrape.fetch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Spaces requests to each host evenly: with 2 requests a second, a host gets one request every 500
 * ms however many crawler threads want one. Each caller reserves the next free slot and sleeps
 * until it, so threads waiting for different hosts do not block each other.
 */
public final class HostRateLimiter {
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Map<String, Long> nextSlot = new HashMap<>();
  private final Map<String, Long> hostInterval = new HashMap<>();

  /**
   * @param requestsPerSecond per host; 0 means no limit
   */
  public HostRateLimiter(double requestsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
    if (requestsPerSecond < 0) {
      throw new IllegalArgumentException(
          "Cannot limit requests to " + requestsPerSecond + " a second: it must be 0 or more");
    }
    this.intervalNanos = requestsPerSecond == 0 ? 0 : (long) (1_000_000_000L / requestsPerSecond);
    this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
  }

  public static HostRateLimiter system(double requestsPerSecond) {
    return new HostRateLimiter(requestsPerSecond, System::nanoTime, Sleeper.SYSTEM);
  }

  /** Waits until {@code host} may be sent the next request. */
  public void acquire(String host) throws InterruptedException {
    long wait;
    synchronized (this) {
      long interval = hostInterval.getOrDefault(host, intervalNanos);
      if (interval == 0) {
        return;
      }
      long now = nanoTime.getAsLong();
      long slot = Math.max(now, nextSlot.getOrDefault(host, now));
      nextSlot.put(host, slot + interval);
      wait = slot - now;
    }
    if (wait > 0) {
      sleeper.sleep(Duration.ofNanos(wait));
    }
  }

  /**
   * Makes requests to {@code host} at least {@code interval} apart, as its robots.txt Crawl-delay
   * asks.
   */
  public synchronized void slowDown(String host, Duration interval) {
    long nanos = interval.toNanos();
    if (nanos > hostInterval.getOrDefault(host, intervalNanos)) {
      hostInterval.put(host, nanos);
    }
  }
}
