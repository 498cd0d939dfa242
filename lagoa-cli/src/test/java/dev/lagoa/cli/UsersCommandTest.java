package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lagoa users} and {@code lagoa sql --safe} as a script runs them. */
class UsersCommandTest {
  @TempDir Path project;

  private record Result(int exit, String out, String err) {}

  private Result lagoa(String stdin, String... args) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String[] all = new String[args.length + 2];
      System.arraycopy(args, 0, all, 0, args.length);
      all[args.length] = "--project";
      all[args.length + 1] = project.toString();
      int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
      return new Result(exit, out.toString(), err.toString());
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void aScriptAddsListsChangesAndRemovesUsers() throws Exception {
    Files.writeString(project.resolve("lagoa.yaml"), "name: users\n");

    Result added =
        lagoa("s3cret-password\n", "users", "add", "ana", "--role", "analyst", "--password-stdin");
    Result duplicate =
        lagoa("s3cret-password\n", "users", "add", "ana", "--role", "admin", "--password-stdin");
    Result changed = lagoa("another-password\n", "users", "passwd", "ana", "--password-stdin");
    Result listed = lagoa("", "users", "list");
    Result removed = lagoa("", "users", "remove", "ana");
    Result listedAfter = lagoa("", "users", "list");

    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).isEqualTo("Added ana (analyst)\n");
    assertThat(duplicate.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(duplicate.err())
        .contains(
            "Cannot add user ana: a user of that name exists (lagoa users passwd to change its password)");
    assertThat(changed.out()).isEqualTo("Changed the password of ana\n");
    assertThat(listed.out()).contains("ana").contains("analyst");
    assertThat(removed.out()).isEqualTo("Removed ana\n");
    assertThat(listedAfter.out()).doesNotContain("ana ");
    assertThat(
            Files.readString(project.resolve("warehouse/catalog.db"), StandardCharsets.ISO_8859_1))
        .doesNotContain("s3cret-password")
        .doesNotContain("another-password");
  }

  @Test
  void aShortPasswordAndAnUnknownRoleAreRefused() throws Exception {
    Files.writeString(project.resolve("lagoa.yaml"), "name: users\n");

    Result shortPassword =
        lagoa("short\n", "users", "add", "bo", "--role", "reader", "--password-stdin");
    Result badRole =
        lagoa("long-enough-pw\n", "users", "add", "bo", "--role", "owner", "--password-stdin");

    assertThat(shortPassword.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(shortPassword.err())
        .contains("Cannot set password: it has 5 characters but it must have at least 8");
    assertThat(badRole.err())
        .contains("Cannot use role 'owner': it must be one of reader, analyst, admin");
  }

  @Test
  void safeSqlRefusesReadingFilesThatPlainSqlWouldRead() throws Exception {
    Files.writeString(project.resolve("lagoa.yaml"), "name: safe\n");

    Result safe = lagoa("", "sql", "--safe", "SELECT * FROM read_csv('/etc/passwd')");
    Result allowed = lagoa("", "sql", "--safe", "--format", "csv", "SELECT 41 + 1 AS answer");

    assertThat(safe.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(safe.err())
        .contains("Cannot run query: table function read_csv is not allowed here");
    assertThat(allowed.out()).isEqualTo("answer\n42\n");
  }
}
