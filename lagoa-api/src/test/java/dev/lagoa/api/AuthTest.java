package dev.lagoa.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.api.auth.Role;
import dev.lagoa.api.auth.SigningKey;
import dev.lagoa.api.auth.TokenService;
import dev.lagoa.api.users.User;
import dev.lagoa.core.config.ApiAuthSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every sign-in and token case over real HTTP, with the status it must get. */
class AuthTest {
  private static BooksProject books;
  private static MutableClock clock;
  private static ApiServer server;

  @BeforeAll
  static void start() {
    books = BooksProject.shared();
    clock = new MutableClock(Instant.now());
    server = new ApiServer(books, clock);
    server.user("auth-reader", Role.READER);
    server.user("auth-analyst", Role.ANALYST);
    server.user("auth-admin", Role.ADMIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String loginBody(String user, String password) {
    return "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
  }

  private static ApiServer.Response me(String token) {
    return server.get("/auth/me", token);
  }

  @Test
  void aSignedInReaderReadsAndIsNamed() {
    ApiServer.Response response = me(server.login("auth-reader"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("username").asText()).isEqualTo("auth-reader");
    assertThat(response.json().get("role").asText()).isEqualTo("reader");
  }

  @Test
  void loginAnswersAFifteenMinuteAccessTokenAndARefreshToken() {
    ApiServer.Response response =
        server.post("/auth/login", null, loginBody("auth-reader", ApiServer.PASSWORD));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("expires_in").asLong()).isEqualTo(900);
    assertThat(response.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(response.json().get("refresh_token").asText()).isNotBlank();
  }

  @Test
  void aWrongPasswordIsUnauthorized() {
    ApiServer.Response response =
        server.post("/auth/login", null, loginBody("auth-analyst", "wrong password"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("message").asText()).isEqualTo("Wrong user name or password");
  }

  @Test
  void aMissingTokenIsUnauthorizedWithABearerChallenge() {
    ApiServer.Response response = server.get("/api/v1/books", null);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"lagoa\"");
    assertThat(response.json().get("message").asText())
        .isEqualTo("Sign in first: the Authorization header is missing");
  }

  @Test
  void aBasicAuthorizationHeaderIsUnauthorized() {
    ApiServer.Response response =
        server.get("/api/v1/books", null, "Authorization", "Basic YWRtaW46YWRtaW4=");

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void anExpiredTokenIsUnauthorized() {
    String token = server.login("auth-reader");

    clock.advance(Duration.ofMinutes(16));
    try {
      ApiServer.Response response = me(token);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.json().get("message").asText()).isEqualTo("The access token has expired");
    } finally {
      clock.advance(Duration.ofMinutes(-16));
    }
  }

  @Test
  void aTokenNotYetValidIsUnauthorized() {
    User user = server.api.users().find("auth-admin").orElseThrow();
    String future =
        new TokenService(
                SigningKey.of(ApiServer.SECRET),
                ApiAuthSettings.DEFAULT,
                new MutableClock(clock.instant().plus(Duration.ofHours(1))))
            .issue(user)
            .accessToken();

    ApiServer.Response response = me(future);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("message").asText())
        .isEqualTo("The access token is not valid yet");
  }

  @Test
  void aTamperedTokenIsUnauthorized() {
    String[] parts = server.login("auth-reader").split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"reader\"", "\"admin\"");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    ApiServer.Response response = server.post("/api/v1/books/refresh", tampered, "");

    assertThat(payload).contains("\"admin\"");
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("message").asText())
        .isEqualTo("The access token's signature is not valid");
  }

  @Test
  void anAlgNoneTokenIsUnauthorized() {
    String payload = server.login("auth-admin").split("\\.")[1];
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    ApiServer.Response response = me(header + "." + payload + ".");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("message").asText())
        .isEqualTo("The access token is not signed with HS256");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsUnauthorized() {
    User user = server.api.users().find("auth-admin").orElseThrow();
    String forged =
        new TokenService(
                SigningKey.of(
                    "another secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8)),
                ApiAuthSettings.DEFAULT,
                clock)
            .issue(user)
            .accessToken();

    assertThat(me(forged).status()).isEqualTo(401);
  }

  @Test
  void aRefreshTokenUsedAsAnAccessTokenIsUnauthorized() {
    String refresh =
        server
            .post("/auth/login", null, loginBody("auth-reader", ApiServer.PASSWORD))
            .json()
            .get("refresh_token")
            .asText();

    ApiServer.Response response = me(refresh);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("message").asText())
        .isEqualTo("The token is not a valid access token: claim typ is wrong");
  }

  @Test
  void anAccessTokenUsedAsARefreshTokenIsUnauthorized() {
    String access = server.login("auth-reader");

    ApiServer.Response response =
        server.post("/auth/refresh", null, "{\"refresh_token\":\"" + access + "\"}");

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void theTokenOfARemovedUserIsUnauthorized() {
    server.user("leaving", Role.ADMIN);
    String token = server.login("leaving");
    assertThat(me(token).status()).isEqualTo(200);

    server.api.users().remove("leaving");

    ApiServer.Response response = me(token);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.json().get("message").asText()).isEqualTo("User leaving no longer exists");
  }

  @Test
  void tokensIssuedBeforeAPasswordChangeAreUnauthorized() {
    server.user("changer", Role.READER);
    String token = server.login("changer");

    clock.advance(Duration.ofSeconds(2));
    server.api.users().changePassword("changer", ApiServer.PASSWORD.toCharArray());

    assertThat(me(token).status()).isEqualTo(401);
    assertThat(me(server.login("changer")).status()).isEqualTo(200);
  }

  @Test
  void aReaderIsForbiddenTheSqlEndpointAndAnAnalystTheRefresh() {
    ApiServer.Response readerSql =
        server.post("/api/v1/sql", server.login("auth-reader"), "{\"sql\":\"SELECT 1\"}");
    String analyst = server.login("auth-analyst");
    ApiServer.Response analystRefresh = server.post("/api/v1/books/refresh", analyst, "");
    ApiServer.Response analystSql = server.post("/api/v1/sql", analyst, "{\"sql\":\"SELECT 1\"}");

    assertThat(readerSql.status()).isEqualTo(403);
    assertThat(readerSql.json().get("message").asText())
        .isEqualTo("User auth-reader has role reader but this needs analyst");
    assertThat(analystRefresh.status()).isEqualTo(403);
    assertThat(analystSql.status()).as(analystSql.body()).isEqualTo(200);
  }

  @Test
  void repeatedFailedLoginsAreThrottledWithRetryAfter() {
    server.user("target", Role.READER);
    for (int i = 0; i < 5; i++) {
      assertThat(server.post("/auth/login", null, loginBody("target", "guess " + i)).status())
          .isEqualTo(401);
    }

    ApiServer.Response throttled =
        server.post("/auth/login", null, loginBody("target", ApiServer.PASSWORD));

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
    clock.advance(Duration.ofSeconds(61));
    assertThat(server.post("/auth/login", null, loginBody("target", ApiServer.PASSWORD)).status())
        .isEqualTo(200);
  }

  @Test
  void aRefreshTokenGivesNewTokensOnceOnly() {
    String refresh =
        server
            .post("/auth/login", null, loginBody("auth-analyst", ApiServer.PASSWORD))
            .json()
            .get("refresh_token")
            .asText();
    String body = "{\"refresh_token\":\"" + refresh + "\"}";

    ApiServer.Response first = server.post("/auth/refresh", null, body);
    ApiServer.Response second = server.post("/auth/refresh", null, body);

    assertThat(first.status()).isEqualTo(200);
    assertThat(me(first.json().get("access_token").asText()).status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(401);
    assertThat(second.json().get("message").asText())
        .isEqualTo("The refresh token was already used or signed out of");
  }

  @Test
  void anExpiredRefreshTokenIsUnauthorized() {
    String refresh =
        server
            .post("/auth/login", null, loginBody("auth-reader", ApiServer.PASSWORD))
            .json()
            .get("refresh_token")
            .asText();

    clock.advance(Duration.ofDays(7).plusSeconds(1));
    try {
      ApiServer.Response response =
          server.post("/auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.json().get("message").asText())
          .isEqualTo("The refresh token has expired");
    } finally {
      clock.advance(Duration.ofDays(-7).minusSeconds(1));
    }
  }

  @Test
  void aLogoutRevokesTheRefreshTokenAcrossARestart() {
    String refresh =
        server
            .post("/auth/login", null, loginBody("auth-reader", ApiServer.PASSWORD))
            .json()
            .get("refresh_token")
            .asText();
    String body = "{\"refresh_token\":\"" + refresh + "\"}";

    assertThat(server.post("/auth/logout", null, body).status()).isEqualTo(204);

    assertThat(server.post("/auth/refresh", null, body).status()).isEqualTo(401);
    try (ApiServer restarted = new ApiServer(books, clock)) {
      ApiServer.Response response = restarted.post("/auth/refresh", null, body);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.json().get("message").asText())
          .isEqualTo("The refresh token was already used or signed out of");
    }
  }
}
