package dev.lagoa.duckdb;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.iceberg.io.FileIO;

/**
 * What the embedded DuckDB engine does with data files in object storage ({@code s3://}): DuckDB
 * reads only local files here (its {@code httpfs} extension is not in the DuckDB jar and would be
 * downloaded at run time, which Lagoa never does), so the files a query reads are first copied,
 * through the table's Iceberg file IO (S3FileIO with the project's settings), into a local cache.
 * Iceberg never rewrites a data file in place, so a copy stays valid for good; the cache ({@value
 * #DIRECTORY_PROPERTY}, by default {@code lagoa-object-cache} in the temporary directory) may be
 * deleted at any time. Writing is refused: models are built on object storage by the Spark engine.
 */
public final class ObjectStoreFiles {
  public static final String DIRECTORY_PROPERTY = "lagoa.object-cache";

  private ObjectStoreFiles() {}

  /** Whether {@code location} is not on this machine's file system. */
  public static boolean isRemote(String location) {
    int scheme = location.indexOf("://");
    return scheme > 0 && !location.startsWith("file:");
  }

  /** The local cache directory. */
  public static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY, "");
    return configured.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "lagoa-object-cache")
        : Path.of(configured);
  }

  /**
   * A local copy of the data file at {@code location}, read through {@code io} the first time.
   * Copies are told apart by the store's endpoint, the location and the size Iceberg recorded, so
   * two servers holding the same path (test servers, a copied bucket) never share one.
   *
   * @throws LagoaException when the file cannot be read from object storage
   */
  public static Path localCopy(FileIO io, String location, long sizeInBytes) {
    Path directory = directory();
    Path copy =
        directory.resolve(key(endpoint(io) + "\n" + location + "\n" + sizeInBytes) + ".parquet");
    if (Files.exists(copy)) {
      return copy;
    }
    try {
      Files.createDirectories(directory);
      // Another process may be copying the same file: each writes its own temporary file and
      // moves it into place, so a reader never sees half a file.
      Path partial = Files.createTempFile(directory, "copy-", ".partial");
      try (InputStream in = io.newInputFile(location).newStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
      return copy;
    } catch (IOException | RuntimeException e) {
      throw LagoaException.external(
          e, "Cannot read %s from object storage into %s: %s", location, directory, e.getMessage());
    }
  }

  /**
   * Refuses to write {@code table} with DuckDB when it lives in object storage.
   *
   * @throws LagoaException naming the table, its location and the setting to change
   */
  public static void requireLocal(String table, String location) {
    if (isRemote(location)) {
      throw LagoaException.userInput(
          "Cannot write table %s with the DuckDB engine: its location %s is in object storage"
              + " (catalog.warehouse in lagoa.yaml) and the embedded DuckDB writes local files only;"
              + " build models on the Spark engine (engine: spark in lagoa.yaml, or lagoa run"
              + " --engine spark), or use a local warehouse",
          table, location);
    }
  }

  private static String endpoint(FileIO io) {
    try {
      return io.properties().getOrDefault("s3.endpoint", "");
    } catch (UnsupportedOperationException e) {
      return ""; // a FileIO that does not expose its settings
    }
  }

  private static String key(String location) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
