package dev.lagoa.api.auth;

import dev.lagoa.api.users.CatalogDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Refresh tokens signed out of, in table {@code lagoa_revoked_tokens} of the catalog database, so a
 * revocation outlives a restart. A row is kept until its token would have expired anyway.
 */
public final class RevokedTokens {
  private final CatalogDatabase database;
  private final Clock clock;

  public RevokedTokens(CatalogDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
    database.execute(
        "CREATE TABLE IF NOT EXISTS lagoa_revoked_tokens (token_id VARCHAR(64) PRIMARY KEY,"
            + " user_name VARCHAR(100) NOT NULL, expires_at BIGINT NOT NULL)");
  }

  /** Revokes a token; true when it was not revoked before. */
  public boolean revoke(VerifiedToken token) {
    synchronized (database) {
      if (isRevoked(token.id())) {
        return false;
      }
      try (PreparedStatement delete =
              database
                  .connection()
                  .prepareStatement("DELETE FROM lagoa_revoked_tokens WHERE expires_at < ?");
          PreparedStatement insert =
              database
                  .connection()
                  .prepareStatement(
                      "INSERT INTO lagoa_revoked_tokens (token_id, user_name, expires_at) VALUES (?, ?, ?)")) {
        delete.setLong(1, clock.millis());
        delete.executeUpdate();
        insert.setString(1, token.id());
        insert.setString(2, token.user());
        insert.setLong(3, token.expiresAt().toEpochMilli());
        insert.executeUpdate();
        return true;
      } catch (SQLException e) {
        throw database.failed("revoke a token of " + token.user(), e);
      }
    }
  }

  public boolean isRevoked(String tokenId) {
    synchronized (database) {
      try (PreparedStatement statement =
          database
              .connection()
              .prepareStatement("SELECT 1 FROM lagoa_revoked_tokens WHERE token_id = ?")) {
        statement.setString(1, tokenId);
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next();
        }
      } catch (SQLException e) {
        throw database.failed("read revoked tokens", e);
      }
    }
  }
}
