package dev.lagoa.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the files of a small model project for one test. */
final class ProjectFiles {
  private final Path directory;

  ProjectFiles(Path directory) {
    this.directory = directory;
  }

  /** Writes {@code text} to {@code models/<relative>}. */
  ProjectFiles model(String relative, String text) {
    Path file = directory.resolve("models").resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  Path directory() {
    return directory;
  }
}
