package dev.lagoa.cli;

import dev.lagoa.api.auth.Role;
import dev.lagoa.api.users.CatalogDatabase;
import dev.lagoa.api.users.User;
import dev.lagoa.api.users.UserStore;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lagoa users add|list|remove|passwd}: the data API's users, in the catalog database. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage who may sign in to the data API (users live in the catalog database).",
    subcommands = {
      UsersCommand.Add.class,
      UsersCommand.ListUsers.class,
      UsersCommand.Remove.class,
      UsersCommand.Passwd.class
    })
final class UsersCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.OK;
  }

  /** Opens the project's user store for the duration of {@code work}. */
  static <T> T withUsers(ProjectOption project, java.util.function.Function<UserStore, T> work) {
    ProjectConfig config = ProjectConfigLoader.withSystemEnvironment().load(project.directory);
    try (CatalogDatabase database = CatalogDatabase.open(config.catalog())) {
      return work.apply(new UserStore(database, Clock.systemUTC()));
    }
  }

  /** The new password: one line of standard input, or typed twice at a prompt. */
  static char[] password(boolean fromStdin, String name) {
    if (fromStdin) {
      try {
        String line =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
          throw LagoaException.userInput(
              "Cannot read the password of %s: standard input is empty", name);
        }
        return line.toCharArray();
      } catch (IOException e) {
        throw LagoaException.external(e, "Cannot read standard input: %s", e.getMessage());
      }
    }
    Console console = System.console();
    if (console == null) {
      throw LagoaException.userInput(
          "Cannot prompt for the password of %s: there is no terminal (use --password-stdin)",
          name);
    }
    char[] first = console.readPassword("Password for %s: ", name);
    char[] second = console.readPassword("Repeat the password: ");
    if (first == null || !Arrays.equals(first, second)) {
      throw LagoaException.userInput("Cannot set the password of %s: the two differ", name);
    }
    return first;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
  static final class Add implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "admin, analyst or reader (reader < analyst < admin).")
    String role;

    @Option(
        names = "--password-stdin",
        description = "Read the password from standard input (for scripts) instead of a prompt.")
    boolean passwordStdin;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Role parsed = Role.parse(role);
      char[] password = password(passwordStdin, name);
      withUsers(
          project,
          users -> {
            users.add(name, parsed, password);
            return null;
          });
      spec.commandLine().getOut().printf("Added %s (%s)%n", name, parsed.label());
      return Main.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
  static final class ListUsers implements Callable<Integer> {
    @Mixin ProjectOption project;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<User> users = withUsers(project, UserStore::list);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-24s %-8s %s%n", "name", "role", "created");
      for (User user : users) {
        out.printf("%-24s %-8s %s%n", user.name(), user.role().label(), user.createdAt());
      }
      return Main.OK;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a user; their tokens stop working.")
  static final class Remove implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      withUsers(
          project,
          users -> {
            users.remove(name);
            return null;
          });
      spec.commandLine().getOut().printf("Removed %s%n", name);
      return Main.OK;
    }
  }

  @Command(
      name = "passwd",
      mixinStandardHelpOptions = true,
      description = "Change a user's password; tokens issued before stop working.")
  static final class Passwd implements Callable<Integer> {
    @Mixin ProjectOption project;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      char[] password = password(passwordStdin, name);
      withUsers(
          project,
          users -> {
            users.changePassword(name, password);
            return null;
          });
      spec.commandLine().getOut().printf("Changed the password of %s%n", name);
      return Main.OK;
    }
  }
}
