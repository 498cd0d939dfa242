package dev.lagoa.console;

import dev.lagoa.api.auth.Role;
import io.javalin.security.RouteRole;

/**
 * The least role a console page needs. A route role of its own (not {@link Role}), so the API's
 * access control, which reads bearer tokens, leaves console routes to {@link ConsoleGate}, which
 * reads the session cookie and checks the same users and roles.
 */
public enum ConsoleAccess implements RouteRole {
  READER(Role.READER),
  ANALYST(Role.ANALYST),
  ADMIN(Role.ADMIN);

  private final Role role;

  ConsoleAccess(Role role) {
    this.role = role;
  }

  public Role role() {
    return role;
  }
}
