package dev.lagoa.api.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.lagoa.api.ApiError;
import dev.lagoa.api.users.User;
import dev.lagoa.core.config.ApiAuthSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues and checks the API's JSON Web Tokens (HS256, java-jwt). An access token and a refresh
 * token differ by their {@code typ} claim, so one cannot stand for the other; the verifier accepts
 * HS256 only, which refuses {@code alg: none} and every other algorithm.
 */
public final class TokenService {
  static final String ISSUER = "lagoa";
  private static final String TYPE = "typ";
  private static final String ROLE = "role";
  private static final String ACCESS = "access";
  private static final String REFRESH = "refresh";

  private final Algorithm algorithm;
  private final ApiAuthSettings settings;
  private final Clock clock;
  private final JWTVerifier accessVerifier;
  private final JWTVerifier refreshVerifier;

  public TokenService(SigningKey key, ApiAuthSettings settings, Clock clock) {
    this.algorithm = Algorithm.HMAC256(key.secret());
    this.settings = settings;
    this.clock = clock;
    this.accessVerifier = verifier(ACCESS);
    this.refreshVerifier = verifier(REFRESH);
  }

  private JWTVerifier verifier(String type) {
    return ((JWTVerifier.BaseVerification)
            JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withClaim(TYPE, type)
                .withClaimPresence(ROLE)
                .withClaimPresence("jti")
                .withClaimPresence("iat")
                .withClaimPresence("exp"))
        .build(clock);
  }

  public TokenPair issue(User user) {
    Instant now = clock.instant();
    return new TokenPair(
        sign(user, ACCESS, now, now.plus(settings.accessTokenTtl())),
        settings.accessTokenTtl(),
        sign(user, REFRESH, now, now.plus(settings.refreshTokenTtl())));
  }

  private String sign(User user, String type, Instant now, Instant expiresAt) {
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(user.name())
        .withClaim(ROLE, user.role().label())
        .withClaim(TYPE, type)
        .withJWTId(UUID.randomUUID().toString())
        .withIssuedAt(now)
        .withNotBefore(now)
        .withExpiresAt(expiresAt)
        .sign(algorithm);
  }

  public VerifiedToken verifyAccess(String token) {
    return verify(accessVerifier, token, "access");
  }

  public VerifiedToken verifyRefresh(String token) {
    return verify(refreshVerifier, token, "refresh");
  }

  private static VerifiedToken verify(JWTVerifier verifier, String token, String kind) {
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token);
    } catch (TokenExpiredException e) {
      throw ApiError.unauthorized("The " + kind + " token has expired");
    } catch (AlgorithmMismatchException e) {
      throw ApiError.unauthorized("The " + kind + " token is not signed with HS256");
    } catch (SignatureVerificationException e) {
      throw ApiError.unauthorized("The " + kind + " token's signature is not valid");
    } catch (IncorrectClaimException e) {
      if (e.getClaimName().equals("nbf") || e.getClaimName().equals("iat")) {
        throw ApiError.unauthorized("The " + kind + " token is not valid yet");
      }
      throw ApiError.unauthorized(
          "The token is not a valid " + kind + " token: claim " + e.getClaimName() + " is wrong");
    } catch (JWTVerificationException e) {
      throw ApiError.unauthorized("The " + kind + " token is not valid: " + e.getMessage());
    }
    Role role;
    try {
      role = Role.parse(jwt.getClaim(ROLE).asString());
    } catch (RuntimeException e) {
      throw ApiError.unauthorized("The " + kind + " token names no known role");
    }
    if (jwt.getSubject() == null) {
      throw ApiError.unauthorized("The " + kind + " token names no user");
    }
    return new VerifiedToken(
        jwt.getId(),
        jwt.getSubject(),
        role,
        jwt.getIssuedAtAsInstant(),
        jwt.getExpiresAtAsInstant());
  }
}
