package dev.lagoa.core.files;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one rule between writers of landing files and the loader that reads them: write under a
 * hidden in-progress name, then rename. A file appears under its real name only complete and on
 * disk, so a loader scanning at any moment never reads half a file; the scanner skips every name
 * this class calls in progress.
 *
 * <p>In progress means: a hidden name ({@code .<name>.tmp}, what Lagoa's writers use), anything
 * inside a hidden directory (staging folders such as {@code .<run>.parquet.tmp/}), or the suffixes
 * other tools use while downloading or copying ({@code .tmp}, {@code .part}, {@code .crdownload}).
 */
public final class AtomicLandingWrite {
  private static final String SUFFIX = ".tmp";

  private AtomicLandingWrite() {}

  /** The hidden in-progress name of {@code target}, in the same directory: {@code .<name>.tmp}. */
  public static Path inProgress(Path target) {
    return target.resolveSibling("." + target.getFileName() + SUFFIX);
  }

  /**
   * A hidden folder of {@code landing} for files staged before they are published: nothing under it
   * is loaded.
   */
  public static Path stagingDirectory(Path landing, String name) {
    return landing.resolve("." + name + SUFFIX);
  }

  /** Whether a landing file of this name is still being written and must not be loaded. */
  public static boolean isInProgress(String fileName) {
    return fileName.startsWith(".")
        || fileName.endsWith(SUFFIX)
        || fileName.endsWith(".part")
        || fileName.endsWith(".crdownload");
  }

  /**
   * Whether a path relative to the landing directory is in progress: its name is, or one of its
   * folders is hidden.
   */
  public static boolean isInProgress(Path relative) {
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      if (relative.getName(i).toString().startsWith(".")) {
        return true;
      }
    }
    return relative.getNameCount() > 0 && isInProgress(relative.getFileName().toString());
  }

  /**
   * Publishes a finished file under its real name in one atomic rename, creating the target's
   * folder, and makes the rename durable where the file system allows. The file's data must already
   * be on disk (forced) when this is called.
   *
   * @throws LagoaException of category EXTERNAL when the rename fails; the target then does not
   *     exist
   */
  public static Path publish(Path finished, Path target) {
    try {
      Files.createDirectories(target.getParent());
      Files.move(finished, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot publish landing file %s as %s: %s", finished, target, e.getMessage());
    }
    forceDirectory(target.getParent());
    return target;
  }

  /** Makes a rename durable; not every file system can open a directory, which is fine. */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the data is on disk; only the name might be lost in a crash, and then the run is redone
    }
  }
}
