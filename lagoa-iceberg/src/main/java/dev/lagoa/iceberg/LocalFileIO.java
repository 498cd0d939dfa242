package dev.lagoa.iceberg;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * File IO for tables on the local file system, without Hadoop's FileSystem. Iceberg 1.12 ships
 * none: its HadoopFileIO needs a full Hadoop client, which Lagoa keeps off the class path.
 */
public class LocalFileIO implements FileIO {
  @Override
  public InputFile newInputFile(String location) {
    return org.apache.iceberg.Files.localInput(toPath(location).toFile());
  }

  @Override
  public OutputFile newOutputFile(String location) {
    Path path = toPath(location);
    try {
      Files.createDirectories(path.getParent());
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot create the directory of %s: %s", location, e.getMessage());
    }
    return org.apache.iceberg.Files.localOutput(path.toFile());
  }

  @Override
  public void deleteFile(String location) {
    try {
      Files.delete(toPath(location));
    } catch (NoSuchFileException e) {
      // Deleting is idempotent: cleanup after a failed commit may run twice.
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot delete %s: %s", location, e.getMessage());
    }
  }

  /** The local path of a table location written either as a plain path or a {@code file:} URI. */
  public static Path toPath(String location) {
    if (location.startsWith("file:")) {
      return Path.of(
          URI.create(
              location.startsWith("file://") ? location : "file://" + location.substring(5)));
    }
    return Path.of(location);
  }
}
