package dev.lagoa.scrape.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.files.AtomicLandingWrite;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The one file a run lands: gzip-compressed NDJSON, {@code <prefix>_<utc-timestamp>.jsonl.gz}. Rows
 * are written to a hidden temporary file ({@link AtomicLandingWrite#inProgress}, which the loader
 * skips) as they come, and the file appears under its real name only on {@link #commit()}, by an
 * atomic rename after the data is on disk. Closing without committing deletes the temporary file: a
 * failed run leaves nothing a loader could pick up.
 */
public final class LandingFile implements AutoCloseable {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
          .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

  private final Path target;
  private final Path temporary;
  private final FileChannel channel;
  private final GZIPOutputStream gzip;
  private final OutputStream out;
  private long rows;
  private boolean open = true;
  private boolean committed;

  private LandingFile(Path target, Path temporary) throws IOException {
    this.target = target;
    this.temporary = temporary;
    this.channel =
        FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    this.out = new BufferedOutputStream(gzip, 64 * 1024);
  }

  /**
   * Starts the file of a run that started at {@code startedAt}, creating the directory if needed.
   */
  public static LandingFile create(Path directory, String prefix, Instant startedAt) {
    String name = fileName(prefix, startedAt);
    Path target = directory.resolve(name);
    try {
      Files.createDirectories(directory);
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      return new LandingFile(target, AtomicLandingWrite.inProgress(target));
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot create landing file %s: %s", target, e);
    }
  }

  /** {@code books_20251122T012533123Z.jsonl.gz}: sorts by time, and never needs a colon. */
  public static String fileName(String prefix, Instant startedAt) {
    return prefix + "_" + TIMESTAMP.format(startedAt) + ".jsonl.gz";
  }

  public Path target() {
    return target;
  }

  /** Appends one row as a line of JSON. Safe to call from several threads. */
  public synchronized void write(Map<String, Object> row) {
    if (!open) {
      throw new IllegalStateException("Cannot write to " + target + ": the file is already closed");
    }
    try {
      out.write(JSON.writeValueAsBytes(row));
      out.write('\n');
      rows++;
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(
          e, "Cannot write a row to %s: %s", temporary, e.getOriginalMessage());
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot write to %s: %s", temporary, e);
    }
  }

  public synchronized long rows() {
    return rows;
  }

  /**
   * Finishes writing and forces the data to disk, keeping the hidden temporary name: for output
   * that is converted before it is published. {@link #close()} still deletes it.
   */
  public synchronized Path finish() {
    try {
      open = false;
      out.flush();
      gzip.finish();
      channel.force(true);
      out.close();
      return temporary;
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot finish landing file %s: %s", target, e);
    }
  }

  /** Finishes the file, forces it to disk and gives it its real name. */
  public synchronized Path commit() {
    finish();
    AtomicLandingWrite.publish(temporary, target);
    committed = true;
    return target;
  }

  /** Deletes the temporary file unless the file was committed. */
  @Override
  public synchronized void close() {
    if (committed) {
      return;
    }
    open = false;
    try {
      out.close();
    } catch (IOException e) {
      // the file is deleted below either way
    }
    try {
      channel.close();
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot delete the unfinished landing file %s: %s", temporary, e);
    }
  }
}
