package dev.lagoa.console;

import static java.util.Objects.requireNonNull;

import dev.lagoa.api.auth.Role;
import dev.lagoa.api.users.User;

/**
 * What every console page shows around its content: the title, the project, who is signed in and
 * which section of the navigation is current.
 *
 * @param section {@code overview}, {@code runs}, {@code sql} or {@code tables}
 */
public record Page(String title, String project, User user, String section) {
  public Page {
    requireNonNull(title, "title is null");
    requireNonNull(project, "project is null");
    requireNonNull(user, "user is null");
    requireNonNull(section, "section is null");
  }

  public boolean mayQuery() {
    return user.role().includes(Role.ANALYST);
  }

  public boolean mayStartRuns() {
    return user.role().includes(Role.ADMIN);
  }
}
