package dev.lagoa.ingest.discovery;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.files.AtomicLandingWrite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the files of a landing directory that match a glob, in name order (timestamped names load
 * in time order). Files still being written are skipped, by the rule of {@link AtomicLandingWrite}:
 * hidden names, files inside hidden directories, and names ending in {@code .tmp}, {@code .part} or
 * {@code .crdownload}; writers write under such a name and rename. A symbolic link is followed only
 * when its target is inside the landing directory.
 */
public final class LandingScanner {
  private LandingScanner() {}

  public static List<LandingFile> scan(Path directory, String glob) {
    if (!Files.isDirectory(directory)) {
      throw LagoaException.userInput(
          "Cannot scan landing directory %s: it does not exist", directory);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    Path realDirectory = realPath(directory);
    List<LandingFile> files = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.forEach(
          path -> {
            Path relative = directory.relativize(path);
            String name = relative.toString().replace('\\', '/');
            if (AtomicLandingWrite.isInProgress(relative) || !matcher.matches(relative)) {
              return;
            }
            try {
              if (Files.isSymbolicLink(path)) {
                Path target = linkTarget(path);
                if (target == null || !target.startsWith(realDirectory)) {
                  return; // a dangling link, or one leaving the landing directory
                }
              }
              BasicFileAttributes attributes =
                  Files.readAttributes(path, BasicFileAttributes.class);
              if (attributes.isRegularFile()) {
                files.add(
                    new LandingFile(
                        name, path, attributes.size(), attributes.lastModifiedTime().toMillis()));
              }
            } catch (NoSuchFileException e) {
              // Gone between listing and reading its attributes: it will be seen, or not, next
              // time.
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException | UncheckedIOException e) {
      throw LagoaException.external(
          e, "Cannot scan landing directory %s: %s", directory, e.getMessage());
    }
    files.sort(Comparator.comparing(LandingFile::name));
    return files;
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot scan landing directory %s: %s", path, e.getMessage());
    }
  }

  private static Path linkTarget(Path link) {
    try {
      return link.toRealPath();
    } catch (IOException e) {
      return null;
    }
  }
}
