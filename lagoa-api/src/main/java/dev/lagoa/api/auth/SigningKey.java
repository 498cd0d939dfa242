package dev.lagoa.api.auth;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The secret tokens are signed with (HMAC-SHA256): from the environment variable {@value #ENV} when
 * set, otherwise from a key file created on first start with owner-only permissions. The file lives
 * in the project's {@code .lagoa/} folder, which is git-ignored.
 */
public final class SigningKey {
  public static final String ENV = "LAGOA_JWT_SECRET";
  public static final String FILE = ".lagoa/jwt-secret";
  private static final int MIN_BYTES = 32;

  private final byte[] secret;

  private SigningKey(byte[] secret) {
    if (secret.length < MIN_BYTES) {
      throw LagoaException.userInput(
          "Cannot sign tokens: the secret has %d bytes but it must have at least %d",
          secret.length, MIN_BYTES);
    }
    this.secret = secret.clone();
  }

  public static SigningKey of(byte[] secret) {
    return new SigningKey(secret);
  }

  /** The key from {@code environment} ({@value #ENV}) or the project's key file. */
  public static SigningKey load(Path projectDirectory, Map<String, String> environment) {
    String fromEnvironment = environment.get(ENV);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return new SigningKey(fromEnvironment.getBytes(StandardCharsets.UTF_8));
    }
    return fromFile(projectDirectory.resolve(FILE));
  }

  static SigningKey fromFile(Path file) {
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.getParent());
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, Base64.getEncoder().encodeToString(random));
        } catch (FileAlreadyExistsException e) {
          // another server started at the same time created it: use theirs
        }
      }
      return new SigningKey(Files.readString(file).trim().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot read or create key file %s: %s", file, e.getMessage());
    }
  }

  byte[] secret() {
    return secret.clone();
  }
}
