package dev.lagoa.ingest.discovery;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A file found in a landing directory.
 *
 * @param name the path relative to the landing directory, with {@code /} separators: the file's
 *     identity in the ledger, so a landing directory can move without files being loaded again
 */
public record LandingFile(String name, Path path, long size, long modifiedMillis) {
  public LandingFile {
    requireNonNull(name, "name is null");
    requireNonNull(path, "path is null");
  }
}
