package dev.lagoa.api.auth;

import dev.lagoa.core.LagoaException;
import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a user may do, in increasing order: a reader reads the declared resources, an analyst also
 * runs SQL, an admin also starts pipeline runs. A route names the least role it needs.
 */
public enum Role implements RouteRole {
  READER,
  ANALYST,
  ADMIN;

  /** Whether a user with this role may use a route that needs {@code required}. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return role;
      }
    }
    throw LagoaException.userInput(
        "Cannot use role '%s': it must be one of reader, analyst, admin", text);
  }
}
