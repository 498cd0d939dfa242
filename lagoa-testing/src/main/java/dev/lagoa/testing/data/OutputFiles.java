package dev.lagoa.testing.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Opens the files the generators write. */
final class OutputFiles {
  private static final int BUFFER_BYTES = 1 << 16;

  private OutputFiles() {}

  /**
   * Opens a new file for writing, creating its directory. Fails if the file exists: a landing zone
   * remembers which paths it has loaded, so silently replacing a file would hide new data from it.
   */
  static OutputStream create(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new BufferedOutputStream(
          Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
          BUFFER_BYTES);
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException("Cannot write " + file + ": the file already exists", e);
    } catch (IOException e) {
      throw cannotWrite(file, e);
    }
  }

  /**
   * Opens a new gzip file. Compresses at the fastest level: benchmark inputs of a million readings
   * must be written in seconds, and the level does not change what a reader sees.
   */
  static OutputStream createGzip(Path file) {
    OutputStream out = create(file);
    try {
      return new GZIPOutputStream(out, BUFFER_BYTES) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      };
    } catch (IOException e) {
      closeQuietlyAfter(out, e);
      throw cannotWrite(file, e);
    }
  }

  static UncheckedIOException cannotWrite(Path file, IOException cause) {
    return new UncheckedIOException("Cannot write " + file + ": " + cause.getMessage(), cause);
  }

  private static void closeQuietlyAfter(OutputStream out, IOException failure) {
    try {
      out.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
