package dev.lagoa.core.files;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the working directories Lagoa creates: staging folders, demo workspaces. */
public final class Directories {
  private Directories() {}

  /**
   * Deletes a directory and everything under it; a directory that does not exist is fine.
   *
   * @throws LagoaException of category EXTERNAL when something cannot be deleted
   */
  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Directories::delete);
    } catch (IOException | UncheckedIOException e) {
      throw LagoaException.external(e, "Cannot delete %s: %s", directory, e.getMessage());
    }
  }

  /**
   * Deletes what it can of a temporary directory and says nothing: for cleanup after work that has
   * already succeeded or failed on its own terms, where a leftover folder is harmless.
   */
  public static void deleteQuietly(Path directory) {
    try {
      deleteRecursively(directory);
    } catch (LagoaException e) {
      // a hidden temporary folder left behind changes no table
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (NoSuchFileException e) {
      // deleted concurrently: the goal is reached
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
