package dev.lagoa.console;

import dev.lagoa.api.ApiError;
import dev.lagoa.api.LagoaApi;
import dev.lagoa.api.users.User;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Signs console requests in: the session cookie holds the API's access token (HttpOnly, so page
 * scripts cannot read it; SameSite=Strict, so another site's page cannot send it along), checked
 * exactly as a bearer token is. A route without a {@link ConsoleAccess} role is public (the login
 * page, the browser libraries); any other sends a visitor without a valid token to the login page
 * and answers a signed-in user whose role is too low with 403.
 */
final class ConsoleGate implements Handler {
  static final String COOKIE = "lagoa_console";
  static final String USER = "lagoa.console.user";

  private final LagoaApi api;
  private final Rendering rendering;

  ConsoleGate(LagoaApi api, Rendering rendering) {
    this.api = api;
    this.rendering = rendering;
  }

  @Override
  public void handle(Context ctx) {
    Optional<ConsoleAccess> required =
        ctx.routeRoles().stream()
            .filter(ConsoleAccess.class::isInstance)
            .map(ConsoleAccess.class::cast)
            .min(ConsoleAccess::compareTo);
    if (required.isEmpty()) {
      return;
    }
    Optional<User> user = signedIn(ctx);
    if (user.isEmpty()) {
      String login = Console.ROOT + "/login?next=" + encode(ctx.path());
      if (ctx.header("HX-Request") != null) {
        ctx.header("HX-Redirect", login).status(401);
      } else {
        ctx.redirect(login, HttpStatus.SEE_OTHER);
      }
      ctx.skipRemainingHandlers();
      return;
    }
    if (!user.get().role().includes(required.get().role())) {
      rendering.forbidden(ctx, user.get(), required.get().role());
      ctx.skipRemainingHandlers();
      return;
    }
    ctx.attribute(USER, user.get());
  }

  private Optional<User> signedIn(Context ctx) {
    String token = ctx.cookie(COOKIE);
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(api.authenticate(token));
    } catch (ApiError e) {
      return Optional.empty();
    }
  }

  static User user(Context ctx) {
    return ctx.attribute(USER);
  }

  /** Starts a session: the cookie lives as long as the access token. */
  static void open(Context ctx, String accessToken, Duration ttl) {
    ctx.header(
        "Set-Cookie",
        COOKIE
            + "="
            + accessToken
            + "; Path="
            + Console.ROOT
            + "; Max-Age="
            + ttl.toSeconds()
            + "; HttpOnly; SameSite=Strict"
            + ("https".equals(ctx.scheme()) ? "; Secure" : ""));
  }

  static void close(Context ctx) {
    ctx.header(
        "Set-Cookie",
        COOKIE + "=; Path=" + Console.ROOT + "; Max-Age=0; HttpOnly; SameSite=Strict");
  }

  /** Where to go after signing in: a console page, never another site. */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith(Console.ROOT)
        || next.startsWith("//")
        || next.contains("\\")
        || next.startsWith(Console.ROOT + "/login")) {
      return Console.ROOT + "/";
    }
    return next;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
