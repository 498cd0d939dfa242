package dev.lagoa.scrape.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostRateLimiterTest {
  private long now;
  private final List<Duration> waits = new ArrayList<>();
  private final Sleeper sleeper =
      duration -> {
        waits.add(duration);
        now += duration.toNanos();
      };

  @Test
  void spacesRequestsToOneHostEvenlyAndLeavesOtherHostsAlone() throws InterruptedException {
    HostRateLimiter limiter = new HostRateLimiter(4, () -> now, sleeper);

    limiter.acquire("http://a");
    limiter.acquire("http://a");
    limiter.acquire("http://b");
    limiter.acquire("http://a");

    assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
  }

  @Test
  void aCrawlDelaySlowsItsHostDown() throws InterruptedException {
    HostRateLimiter limiter = new HostRateLimiter(10, () -> now, sleeper);
    limiter.slowDown("http://a", Duration.ofSeconds(2));

    limiter.acquire("http://a");
    limiter.acquire("http://a");

    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void noLimitNeverWaits() throws InterruptedException {
    HostRateLimiter limiter = new HostRateLimiter(0, () -> now, sleeper);

    for (int i = 0; i < 100; i++) {
      limiter.acquire("http://a");
    }

    assertThat(waits).isEmpty();
  }
}
