package dev.lagoa.duckdb;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * deleted at any time. Writing goes the other way: DuckDB writes the files into a local upload
 * folder, and each is uploaded through the same file IO before Iceberg commits it, then kept as its
 * own cached copy.
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
    Path copy = cachePath(io, location, sizeInBytes);
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
   * A local folder for the files DuckDB writes for a table in object storage before they are
   * uploaded ({@link #upload}): DuckDB writes local files only.
   */
  public static Path uploadDirectory() {
    return directory().resolve("upload");
  }

  /**
   * Uploads a finished local file to {@code location} through {@code io} (S3FileIO's upload makes
   * the object visible only once complete), then keeps it as the cached copy of that object, so
   * reading what was just written costs no download.
   *
   * @throws LagoaException of category EXTERNAL when the upload fails; nothing references the
   *     object yet, so a retry or a later orphan clean-up is safe
   */
  public static void upload(FileIO io, Path local, String location) {
    try {
      long size = Files.size(local);
      try (InputStream in = Files.newInputStream(local);
          OutputStream out = io.newOutputFile(location).createOrOverwrite()) {
        in.transferTo(out);
      }
      Path copy = cachePath(io, location, size);
      Files.createDirectories(copy.getParent());
      Files.move(local, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      throw LagoaException.external(
          e, "Cannot upload %s to object storage as %s: %s", local, location, e.getMessage());
    }
  }

  private static Path cachePath(FileIO io, String location, long sizeInBytes) {
    return directory()
        .resolve(key(endpoint(io) + "\n" + location + "\n" + sizeInBytes) + ".parquet");
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
