package dev.lagoa.testing.fuzz;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * A generated landing file and the lines where its records start.
 *
 * @param recordLines 1-based lines, ascending, one per record the file was written with (before any
 *     corruption or truncation)
 */
public record FuzzFile(Path path, LandingFuzz.Format format, List<Long> recordLines) {
  public FuzzFile {
    requireNonNull(path, "path is null");
    requireNonNull(format, "format is null");
    recordLines = List.copyOf(recordLines);
  }
}
