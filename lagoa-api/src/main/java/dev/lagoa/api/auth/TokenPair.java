package dev.lagoa.api.auth;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** What a sign-in answers: a short-lived access token and a longer-lived refresh token. */
public record TokenPair(String accessToken, Duration accessTtl, String refreshToken) {
  public TokenPair {
    requireNonNull(accessToken, "accessToken is null");
    requireNonNull(accessTtl, "accessTtl is null");
    requireNonNull(refreshToken, "refreshToken is null");
  }
}
