package dev.lagoa.scrape.output;

import static dev.lagoa.duckdb.DuckTypes.literal;
import static dev.lagoa.duckdb.DuckTypes.quote;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.files.AtomicLandingWrite;
import dev.lagoa.core.files.Directories;
import dev.lagoa.core.files.ScrapeRun;
import dev.lagoa.duckdb.DuckEngine;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a finished run as Parquet under {@code year=YYYY/month=MM/day=DD/} folders of the
 * landing directory, by a row's date field: DuckDB writes the files into a hidden staging folder,
 * and each file is then moved into its folder in one rename, so a loader never sees half a file.
 */
public final class ParquetLanding {
  private ParquetLanding() {}

  /**
   * @param rows the run's finished gzip NDJSON (still under its hidden name)
   * @param name the run's file name without extension, e.g. {@code ibov_api_20251103T110000000Z}
   * @param run the run, whose manifest is written next to each file before it is published
   * @return the published files, in path order
   */
  public static List<Path> publish(
      Path rows, Path landing, String name, String dateField, ScrapeRun run) {
    Path staging = AtomicLandingWrite.stagingDirectory(landing, name + ".parquet");
    String date = "CAST(" + quote(dateField) + " AS DATE)";
    List<String> written = new ArrayList<>();
    try (DuckEngine engine = DuckEngine.open()) {
      String sql =
          "COPY (SELECT *, strftime("
              + date
              + ", '%Y') AS year, strftime("
              + date
              + ", '%m') AS month, strftime("
              + date
              + ", '%d') AS day FROM read_json("
              + literal(rows.toString())
              + ", format = 'newline_delimited', sample_size = -1)) TO "
              + literal(staging.toString())
              + " (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month, day),"
              + " RETURN_FILES true, FILENAME_PATTERN "
              + literal(name + "_{i}")
              + ")";
      engine.query(
          sql,
          result -> {
            try {
              while (result.next()) {
                Array files = result.getArray("Files");
                for (Object file : (Object[]) files.getArray()) {
                  written.add(file.toString());
                }
              }
            } catch (SQLException e) {
              throw LagoaException.internal(
                  e, "Cannot read the files DuckDB wrote: %s", e.getMessage());
            }
          });
    } catch (LagoaException e) {
      Directories.deleteQuietly(staging);
      throw LagoaException.userInput(
          "Cannot land the run as Parquet partitioned by %s: %s", dateField, e.getMessage());
    }
    List<Path> published = new ArrayList<>();
    try {
      for (String file : written.stream().sorted().toList()) {
        Path source = Path.of(file);
        Path target = landing.resolve(staging.relativize(source).toString());
        run.writeManifest(target);
        published.add(AtomicLandingWrite.publish(source, target));
      }
    } catch (LagoaException e) {
      throw new LagoaException(
          e.category(),
          "Cannot publish Parquet files from "
              + staging
              + " (published so far: "
              + published
              + "): "
              + e.getMessage(),
          e);
    }
    Directories.deleteQuietly(staging);
    return published;
  }
}
