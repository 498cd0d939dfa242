package dev.lagoa.core.files;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one scrape run fetched, kept with the files it landed so that the loader commit consuming
 * them can record it (the run's provenance in the table's history, whichever process loads it and
 * whenever).
 *
 * <p>The scraper writes a hidden manifest next to each landed file <em>before</em> publishing the
 * file ({@code .<file name>.scrape}, skipped by the scanner as every hidden name is), so a loader
 * that sees the file always finds it. Its text is {@link #encode()}, the same text the loader puts
 * in the snapshot summary.
 *
 * @param run the run's name: its landing file name without extension, {@code
 *     <prefix>_<utc-timestamp>}; the files of one run share it
 * @param source the web source
 * @param failedPages pages that could not be fetched (within {@code crawl.max_errors})
 * @param blocked links robots.txt disallowed
 * @param skipped links beyond the page limit
 */
public record ScrapeRun(
    String run,
    String source,
    int pages,
    long rows,
    int failedPages,
    int blocked,
    int skipped,
    long elapsedMillis) {
  private static final String MANIFEST_SUFFIX = ".scrape";

  public ScrapeRun {
    requireNonNull(run, "run is null");
    requireNonNull(source, "source is null");
    if (run.isBlank() || run.contains("\n") || run.contains(";")) {
      throw new IllegalArgumentException("Cannot name a scrape run '" + run + "'");
    }
  }

  /** {@code source=books;pages=50;rows=1000;failed-pages=0;blocked=0;skipped=0;elapsed-ms=5300}. */
  public String encode() {
    return "source="
        + source
        + ";pages="
        + pages
        + ";rows="
        + rows
        + ";failed-pages="
        + failedPages
        + ";blocked="
        + blocked
        + ";skipped="
        + skipped
        + ";elapsed-ms="
        + elapsedMillis;
  }

  /**
   * The run {@code run} as {@link #encode()} wrote it.
   *
   * @param where the file or summary key the text came from, for the error message
   * @throws LagoaException of category INTERNAL when the text is not one Lagoa wrote
   */
  public static ScrapeRun decode(String run, String text, String where) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : text.strip().split(";")) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw LagoaException.internal(
            null, "Cannot read scrape run %s from %s: '%s' is not key=value", run, where, pair);
      }
      fields.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    try {
      return new ScrapeRun(
          run,
          required(fields, "source", run, where),
          Integer.parseInt(required(fields, "pages", run, where)),
          Long.parseLong(required(fields, "rows", run, where)),
          Integer.parseInt(required(fields, "failed-pages", run, where)),
          Integer.parseInt(required(fields, "blocked", run, where)),
          Integer.parseInt(required(fields, "skipped", run, where)),
          Long.parseLong(required(fields, "elapsed-ms", run, where)));
    } catch (NumberFormatException e) {
      throw LagoaException.internal(
          e, "Cannot read scrape run %s from %s: %s in '%s'", run, where, e.getMessage(), text);
    }
  }

  /** The hidden manifest of a landed file: {@code .<file name>.scrape} in the same folder. */
  public static Path manifestOf(Path landedFile) {
    return landedFile.resolveSibling("." + landedFile.getFileName() + MANIFEST_SUFFIX);
  }

  /**
   * Writes this run's manifest for {@code landedFile}, durably, before the file is published.
   *
   * @throws LagoaException of category EXTERNAL when it cannot be written
   */
  public void writeManifest(Path landedFile) {
    Path manifest = manifestOf(landedFile);
    Path temporary = AtomicLandingWrite.inProgress(manifest);
    try {
      Files.createDirectories(manifest.getParent());
      Files.writeString(temporary, run + "\n" + encode() + "\n", StandardCharsets.UTF_8);
      Files.move(temporary, manifest, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot write scrape manifest %s: %s", manifest, e.getMessage());
    }
  }

  /**
   * The run that landed {@code landedFile}, if a scraper landed it (files dropped by other tools
   * have no manifest).
   *
   * @throws LagoaException of category EXTERNAL when the manifest exists but cannot be read
   */
  public static Optional<ScrapeRun> readManifest(Path landedFile) {
    Path manifest = manifestOf(landedFile);
    String text;
    try {
      text = Files.readString(manifest, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot read scrape manifest %s: %s", manifest, e.getMessage());
    }
    int newline = text.indexOf('\n');
    if (newline <= 0) {
      throw LagoaException.internal(
          null, "Cannot read scrape manifest %s: it does not name its run", manifest);
    }
    return Optional.of(
        decode(text.substring(0, newline), text.substring(newline + 1), manifest.toString()));
  }

  private static String required(Map<String, String> fields, String key, String run, String where) {
    String value = fields.get(key);
    if (value == null) {
      throw LagoaException.internal(
          null, "Cannot read scrape run %s from %s: no %s", run, where, key);
    }
    return value;
  }
}
