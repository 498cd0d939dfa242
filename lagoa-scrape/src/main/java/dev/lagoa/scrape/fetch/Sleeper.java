package dev.lagoa.scrape.fetch;

import java.time.Duration;

/** Waits, so that rate limits and backoff can be tested without waiting. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM =
      duration -> Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));

  void sleep(Duration duration) throws InterruptedException;
}
