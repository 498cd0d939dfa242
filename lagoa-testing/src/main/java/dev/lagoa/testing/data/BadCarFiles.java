package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * Car telemetry inputs that a loader must reject or rescue, written by {@link
 * CarTelemetryGenerator#writeBadFiles}.
 *
 * @param malformedDocument a {@code .json} document cut off in the middle
 * @param malformedLine a {@code .jsonl.gz} file of three readings whose line {@value
 *     #MALFORMED_LINE} is cut off in the middle; lines 1 and 3 are valid
 * @param wrongType a valid {@code .json} document whose {@code metrics.engineTempCelsius} is the
 *     string {@code "hot"}
 * @param empty a {@code .json} file of zero bytes
 * @param truncatedGzip a {@code .jsonl.gz} file whose gzip stream ends half way
 */
public record BadCarFiles(
    Path malformedDocument, Path malformedLine, Path wrongType, Path empty, Path truncatedGzip) {
  /** The 1-based line of {@link #malformedLine} that is not valid JSON. */
  public static final int MALFORMED_LINE = 2;

  public BadCarFiles {
    requireNonNull(malformedDocument, "malformedDocument is null");
    requireNonNull(malformedLine, "malformedLine is null");
    requireNonNull(wrongType, "wrongType is null");
    requireNonNull(empty, "empty is null");
    requireNonNull(truncatedGzip, "truncatedGzip is null");
  }

  public List<Path> all() {
    return List.of(malformedDocument, malformedLine, wrongType, empty, truncatedGzip);
  }
}
