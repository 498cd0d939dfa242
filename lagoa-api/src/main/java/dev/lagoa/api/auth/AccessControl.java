package dev.lagoa.api.auth;

import dev.lagoa.api.ApiError;
import dev.lagoa.api.users.User;
import dev.lagoa.api.users.UserStore;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The one place roles are checked: a before-matched handler. A route declared without roles is
 * public; any other needs a valid access token (401 otherwise) of a user who still exists and whose
 * current role includes the least role the route names (403 otherwise).
 */
public final class AccessControl implements Handler {
  /** The request attribute holding the signed-in {@link User}. */
  public static final String USER = "lagoa.user";

  private final TokenService tokens;
  private final UserStore users;

  public AccessControl(TokenService tokens, UserStore users) {
    this.tokens = tokens;
    this.users = users;
  }

  @Override
  public void handle(Context ctx) {
    Optional<Role> required =
        ctx.routeRoles().stream()
            .filter(Role.class::isInstance)
            .map(Role.class::cast)
            .min(Role::compareTo);
    if (required.isEmpty()) {
      return;
    }
    User user = authenticate(ctx.header("Authorization"));
    if (!user.role().includes(required.get())) {
      throw ApiError.forbidden(
          "User "
              + user.name()
              + " has role "
              + user.role().label()
              + " but this needs "
              + required.get().label());
    }
    ctx.attribute(USER, user);
  }

  /** The user a request's {@code Authorization: Bearer <token>} header stands for. */
  public User authenticate(String header) {
    if (header == null || header.isBlank()) {
      throw ApiError.unauthorized("Sign in first: the Authorization header is missing");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiError.unauthorized("The Authorization header must be 'Bearer <access token>'");
    }
    VerifiedToken token = tokens.verifyAccess(header.substring(7).trim());
    User user =
        users
            .current(token.user())
            .orElseThrow(() -> ApiError.unauthorized("User " + token.user() + " no longer exists"));
    if (token.issuedAt().isBefore(user.passwordChangedAt().truncatedTo(ChronoUnit.SECONDS))) {
      throw ApiError.unauthorized(
          "The token was issued before the password of " + user.name() + " changed");
    }
    return user;
  }

  /** The signed-in user of a request that passed this check. */
  public static User user(Context ctx) {
    return ctx.attribute(USER);
  }

  /** Roles as Javalin wants them for a route declaration. */
  public static RouteRole[] atLeast(Role role) {
    return new RouteRole[] {role};
  }
}
