package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Sign-in settings of the data API ({@code api.auth}).
 *
 * @param accessTokenTtl how long an access token is valid (the original API's 15 minutes)
 * @param refreshTokenTtl how long a refresh token is valid (the original API's 7 days)
 * @param maxFailedLogins failed logins for one user name from one address before it is throttled
 * @param throttleWindow how long failures are remembered, and how long a throttled client waits
 */
public record ApiAuthSettings(
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    int maxFailedLogins,
    Duration throttleWindow) {
  public static final ApiAuthSettings DEFAULT =
      new ApiAuthSettings(Duration.ofMinutes(15), Duration.ofDays(7), 5, Duration.ofMinutes(1));

  public ApiAuthSettings {
    requireNonNull(accessTokenTtl, "accessTokenTtl is null");
    requireNonNull(refreshTokenTtl, "refreshTokenTtl is null");
    requireNonNull(throttleWindow, "throttleWindow is null");
    if (maxFailedLogins < 1) {
      throw new IllegalArgumentException("maxFailedLogins must be at least 1");
    }
  }
}
