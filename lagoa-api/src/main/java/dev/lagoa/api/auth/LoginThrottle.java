package dev.lagoa.api.auth;

import dev.lagoa.core.config.ApiAuthSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per user name and client address; after {@code maxFailedLogins} failures
 * within the window, further attempts wait until the oldest failure leaves the window. In memory: a
 * restart forgets failures, which only ever helps an attacker by one window.
 */
public final class LoginThrottle {
  private final ApiAuthSettings settings;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(ApiAuthSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** How long this client must wait before trying again, if it is throttled. */
  public Optional<Duration> waitFor(String user, String address) {
    Deque<Instant> times = failures.get(key(user, address));
    if (times == null) {
      return Optional.empty();
    }
    synchronized (times) {
      Instant now = clock.instant();
      Instant cutoff = now.minus(settings.throttleWindow());
      while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
        times.removeFirst();
      }
      if (times.size() < settings.maxFailedLogins()) {
        return Optional.empty();
      }
      return Optional.of(Duration.between(cutoff, times.peekFirst()));
    }
  }

  public void failed(String user, String address) {
    Deque<Instant> times = failures.computeIfAbsent(key(user, address), k -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(clock.instant());
    }
  }

  public void succeeded(String user, String address) {
    failures.remove(key(user, address));
  }

  private static String key(String user, String address) {
    return user + "\n" + address;
  }
}
