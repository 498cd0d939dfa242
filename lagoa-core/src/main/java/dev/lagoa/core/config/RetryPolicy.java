package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@code lagoa serve} retries one job: up to {@code attempts} tries, waiting {@code backoff},
 * then twice that, and so on between them; an attempt running longer than {@code timeout} is
 * stopped and counts as failed.
 */
public record RetryPolicy(int attempts, Duration backoff, Duration timeout) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMinutes(60));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts was " + attempts + " but it must be at least 1");
    }
    requireNonNull(backoff, "backoff is null");
    requireNonNull(timeout, "timeout is null");
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff was " + backoff + " but it must not be negative");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout was " + timeout + " but it must be positive");
    }
  }

  /** The wait before attempt {@code attempt} (2 for the first retry): backoff × 2^(attempt-2). */
  public Duration delayBefore(int attempt) {
    if (attempt <= 1) {
      return Duration.ZERO;
    }
    return backoff.multipliedBy(1L << Math.min(attempt - 2, 20));
  }
}
