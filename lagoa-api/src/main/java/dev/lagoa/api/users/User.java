package dev.lagoa.api.users;

import static java.util.Objects.requireNonNull;

import dev.lagoa.api.auth.Role;
import java.time.Instant;

/**
 * A user of the API as stored in the catalog database (without its password hash).
 *
 * @param passwordChangedAt tokens issued before this are no longer accepted
 */
public record User(String name, Role role, Instant createdAt, Instant passwordChangedAt) {
  public User {
    requireNonNull(name, "name is null");
    requireNonNull(role, "role is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(passwordChangedAt, "passwordChangedAt is null");
  }
}
