package dev.lagoa.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.api.ApiError;
import dev.lagoa.api.JsonBodies;
import dev.lagoa.api.users.User;
import dev.lagoa.api.users.UserStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /auth/login}, {@code /auth/refresh}, {@code /auth/logout} and {@code GET /auth/me}. A
 * refresh rotates the refresh token: the one used is revoked, so a stolen refresh token works once
 * at most.
 */
public final class AuthRoutes {
  private final UserStore users;
  private final TokenService tokens;
  private final RevokedTokens revoked;
  private final LoginThrottle throttle;

  public AuthRoutes(
      UserStore users, TokenService tokens, RevokedTokens revoked, LoginThrottle throttle) {
    this.users = users;
    this.tokens = tokens;
    this.revoked = revoked;
    this.throttle = throttle;
  }

  public void install(JavalinConfig config) {
    config.routes.post("/auth/login", this::login);
    config.routes.post("/auth/refresh", this::refresh);
    config.routes.post("/auth/logout", this::logout);
    config.routes.get("/auth/me", this::me, Role.READER);
  }

  private void login(Context ctx) {
    JsonNode body = JsonBodies.readObject(ctx);
    String name = JsonBodies.requiredString(body, "username");
    String password = JsonBodies.requiredString(body, "password");
    SignedIn signedIn = signIn(name, password, ctx.ip());
    sendTokens(ctx, signedIn.user(), signedIn.tokens());
  }

  /** A user and the tokens a successful sign-in issued them. */
  public record SignedIn(User user, TokenPair tokens) {}

  /**
   * Checks a user's password, throttled per user and address: the one sign-in of {@code POST
   * /auth/login} and of the web console.
   *
   * @throws ApiError 401 for a wrong name or password, 429 while too many attempts failed
   */
  public SignedIn signIn(String name, String password, String address) {
    Optional<Duration> wait = throttle.waitFor(name, address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      throw new ApiError(
          429,
          "too_many_attempts",
          "",
          "Too many failed logins for " + name + ": try again in " + seconds + " s",
          Map.of("Retry-After", Long.toString(seconds)));
    }
    Optional<User> user = users.authenticate(name, password.toCharArray());
    if (user.isEmpty()) {
      throttle.failed(name, address);
      throw ApiError.unauthorized("Wrong user name or password");
    }
    throttle.succeeded(name, address);
    return new SignedIn(user.get(), tokens.issue(user.get()));
  }

  private void refresh(Context ctx) {
    VerifiedToken token = refreshToken(ctx);
    User user =
        users
            .find(token.user())
            .orElseThrow(() -> ApiError.unauthorized("User " + token.user() + " no longer exists"));
    if (!revoked.revoke(token)) {
      throw ApiError.unauthorized("The refresh token was already used or signed out of");
    }
    sendTokens(ctx, user, tokens.issue(user));
  }

  private void logout(Context ctx) {
    revoked.revoke(refreshToken(ctx));
    ctx.status(204);
  }

  private void me(Context ctx) {
    User user = AccessControl.user(ctx);
    JsonBodies.send(
        ctx,
        200,
        JsonBodies.object().put("username", user.name()).put("role", user.role().label()));
  }

  private VerifiedToken refreshToken(Context ctx) {
    String text = JsonBodies.requiredString(JsonBodies.readObject(ctx), "refresh_token");
    VerifiedToken token = tokens.verifyRefresh(text);
    if (revoked.isRevoked(token.id())) {
      throw ApiError.unauthorized("The refresh token was already used or signed out of");
    }
    return token;
  }

  private static void sendTokens(Context ctx, User user, TokenPair pair) {
    ObjectNode body =
        JsonBodies.object()
            .put("access_token", pair.accessToken())
            .put("token_type", "Bearer")
            .put("expires_in", pair.accessTtl().toSeconds())
            .put("refresh_token", pair.refreshToken())
            .put("role", user.role().label());
    ctx.header("Cache-Control", "no-store");
    JsonBodies.send(ctx, 200, body);
  }
}
