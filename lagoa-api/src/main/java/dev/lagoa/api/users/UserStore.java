package dev.lagoa.api.users;

import dev.lagoa.api.auth.Role;
import dev.lagoa.core.LagoaException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The API's users, in table {@code lagoa_users} of the catalog database, with bcrypt password
 * hashes. Lookups for token checks are cached for {@link #CACHE_TIME}, so a user removed by {@code
 * lagoa users remove} in another process is refused within that time (at once in this one).
 */
public final class UserStore {
  public static final Duration CACHE_TIME = Duration.ofSeconds(1);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,100}");
  private static final int MIN_PASSWORD_LENGTH = 8;

  private final CatalogDatabase database;
  private final Clock clock;
  private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  /** A hash to check against when the user does not exist, so both cases take as long. */
  private final String absentUserHash;

  private record Cached(Optional<User> user, Instant loadedAt) {}

  public UserStore(CatalogDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
    this.absentUserHash = encoder.encode("no such user, no such password");
    database.execute(
        "CREATE TABLE IF NOT EXISTS lagoa_users (name VARCHAR(100) PRIMARY KEY, role VARCHAR(20)"
            + " NOT NULL, password_hash VARCHAR(100) NOT NULL, created_at BIGINT NOT NULL,"
            + " password_changed_at BIGINT NOT NULL)");
  }

  public void add(String name, Role role, char[] password) {
    checkName(name);
    String hash = hash(password);
    long now = clock.millis();
    synchronized (database) {
      if (find(name).isPresent()) {
        throw LagoaException.userInput(
            "Cannot add user %s: a user of that name exists (lagoa users passwd to change its password)",
            name);
      }
      update(
          "add user " + name,
          "INSERT INTO lagoa_users (name, role, password_hash, created_at, password_changed_at)"
              + " VALUES (?, ?, ?, ?, ?)",
          name,
          role.label(),
          hash,
          now,
          now);
    }
    cache.remove(name);
  }

  /** Sets a new password; tokens issued before are refused from now on. */
  public void changePassword(String name, char[] password) {
    String hash = hash(password);
    int changed =
        update(
            "change the password of " + name,
            "UPDATE lagoa_users SET password_hash = ?, password_changed_at = ? WHERE name = ?",
            hash,
            clock.millis(),
            name);
    cache.remove(name);
    if (changed == 0) {
      throw LagoaException.userInput("Cannot change the password of %s: no such user", name);
    }
  }

  public void remove(String name) {
    int removed = update("remove user " + name, "DELETE FROM lagoa_users WHERE name = ?", name);
    cache.remove(name);
    if (removed == 0) {
      throw LagoaException.userInput("Cannot remove user %s: no such user", name);
    }
  }

  public List<User> list() {
    synchronized (database) {
      try (PreparedStatement statement =
              database
                  .connection()
                  .prepareStatement(
                      "SELECT name, role, created_at, password_changed_at FROM lagoa_users ORDER BY name");
          ResultSet rows = statement.executeQuery()) {
        List<User> users = new ArrayList<>();
        while (rows.next()) {
          users.add(user(rows));
        }
        return users;
      } catch (SQLException e) {
        throw database.failed("list users", e);
      }
    }
  }

  /** The user, read from the database now. */
  public Optional<User> find(String name) {
    synchronized (database) {
      try (PreparedStatement statement =
          database
              .connection()
              .prepareStatement(
                  "SELECT name, role, created_at, password_changed_at FROM lagoa_users WHERE name = ?")) {
        statement.setString(1, name);
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next() ? Optional.of(user(rows)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw database.failed("read user " + name, e);
      }
    }
  }

  /** The user as known at most {@link #CACHE_TIME} ago: for checking every request's token. */
  public Optional<User> current(String name) {
    Instant now = clock.instant();
    Cached cached = cache.get(name);
    if (cached == null || cached.loadedAt().plus(CACHE_TIME).isBefore(now)) {
      cached = new Cached(find(name), now);
      cache.put(name, cached);
    }
    return cached.user();
  }

  /** The user whose password this is, or empty; as slow for an unknown user as for a known one. */
  public Optional<User> authenticate(String name, char[] password) {
    String hash;
    synchronized (database) {
      try (PreparedStatement statement =
          database
              .connection()
              .prepareStatement("SELECT password_hash FROM lagoa_users WHERE name = ?")) {
        statement.setString(1, name);
        try (ResultSet rows = statement.executeQuery()) {
          hash = rows.next() ? rows.getString(1) : null;
        }
      } catch (SQLException e) {
        throw database.failed("read user " + name, e);
      }
    }
    boolean matches = encoder.matches(new String(password), hash == null ? absentUserHash : hash);
    return matches && hash != null ? find(name) : Optional.empty();
  }

  private String hash(char[] password) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw LagoaException.userInput(
          "Cannot set password: it has %d characters but it must have at least %d",
          password.length, MIN_PASSWORD_LENGTH);
    }
    if (password.length > 72) {
      // bcrypt reads only the first 72 bytes: a longer password would be silently cut.
      throw LagoaException.userInput(
          "Cannot set password: it has %d characters but bcrypt reads at most 72", password.length);
    }
    return encoder.encode(new String(password));
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw LagoaException.userInput(
          "Cannot add user '%s': a name has 1 to 100 letters, digits, '_', '.', '@' or '-'", name);
    }
  }

  private static User user(ResultSet rows) throws SQLException {
    return new User(
        rows.getString(1),
        Role.parse(rows.getString(2)),
        Instant.ofEpochMilli(rows.getLong(3)),
        Instant.ofEpochMilli(rows.getLong(4)));
  }

  private int update(String action, String sql, Object... values) {
    synchronized (database) {
      try (PreparedStatement statement = database.connection().prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          statement.setObject(i + 1, values[i]);
        }
        return statement.executeUpdate();
      } catch (SQLException e) {
        throw database.failed(action, e);
      }
    }
  }
}
