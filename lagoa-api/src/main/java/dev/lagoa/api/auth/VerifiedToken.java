package dev.lagoa.api.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A token whose signature, type, issuer and times were checked. */
public record VerifiedToken(
    String id, String user, Role role, Instant issuedAt, Instant expiresAt) {
  public VerifiedToken {
    requireNonNull(id, "id is null");
    requireNonNull(user, "user is null");
    requireNonNull(role, "role is null");
    requireNonNull(issuedAt, "issuedAt is null");
    requireNonNull(expiresAt, "expiresAt is null");
  }
}
