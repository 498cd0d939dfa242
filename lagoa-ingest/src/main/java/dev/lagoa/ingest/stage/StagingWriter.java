package dev.lagoa.ingest.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Writes conforming records as NDJSON for DuckDB to read, tagged with the batch-local index of
 * their source file and their line. A record that was not changed is copied from its original
 * bytes, which keeps the common case to a byte copy. Writers of one batch share the length of the
 * longest line they wrote ({@link #longestLine()}): DuckDB reads the staged rows with a buffer
 * sized to it, and a buffer far larger than the records costs it about a third more CPU per row.
 */
public final class StagingWriter implements AutoCloseable {
  public static final String FILE_FIELD = "__lagoa_file";
  public static final String LINE_FIELD = "__lagoa_line";
  public static final String RESCUED_FIELD = "__lagoa_rescued";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final byte[] FILE_TAG =
      ("{\"" + FILE_FIELD + "\":").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LINE_TAG =
      (",\"" + LINE_FIELD + "\":").getBytes(StandardCharsets.US_ASCII);

  private final Path path;
  private final OutputStream out;
  private final byte[] digits = new byte[20];
  private final LongAccumulator longest;
  private long records;
  private long longestHere;

  public StagingWriter(Path path) throws IOException {
    this(path, new LongAccumulator(Math::max, 0));
  }

  private StagingWriter(Path path, LongAccumulator longest) throws IOException {
    this.path = path;
    this.longest = longest;
    this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
  }

  /**
   * Another staging file next to this one, named {@code fileName}, whose lines count towards the
   * same {@link #longestLine()}.
   */
  public StagingWriter sibling(String fileName) throws IOException {
    return new StagingWriter(path.resolveSibling(fileName), longest);
  }

  /**
   * At least the length in bytes of the longest line written so far by this writer and its
   * siblings, its newline included (at most 40 bytes more).
   */
  public long longestLine() {
    return longest.get();
  }

  public Path path() {
    return path;
  }

  public long records() {
    return records;
  }

  /** Copies an unchanged record's original bytes, adding the file and line tags after its brace. */
  public void writeOriginal(int file, long line, byte[] original) throws IOException {
    writeOriginal(file, line, original, original.length);
  }

  /**
   * As {@link #writeOriginal(int, long, byte[])} for the first {@code length} bytes of a buffer.
   */
  public void writeOriginal(int file, long line, byte[] original, int length) throws IOException {
    int brace = 0;
    while (original[brace] != '{') {
      brace++;
    }
    int rest = brace + 1;
    while (rest < length && Character.isWhitespace(original[rest])) {
      rest++;
    }
    boolean empty = rest < length && original[rest] == '}';
    out.write(FILE_TAG);
    writeNumber(file);
    out.write(LINE_TAG);
    writeNumber(line);
    if (!empty) {
      out.write(',');
    }
    out.write(original, rest, length - rest);
    out.write('\n');
    // At most: two numbers of up to 20 characters, a comma and the newline.
    long lineBytes = FILE_TAG.length + LINE_TAG.length + 40 + 2 + length - rest;
    if (lineBytes > longestHere) {
      longestHere = lineBytes;
      longest.accumulate(lineBytes);
    }
    records++;
  }

  /** Writes a non-negative number's digits, without a String per record. */
  private void writeNumber(long value) throws IOException {
    if (value < 0) {
      out.write(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    int at = digits.length;
    do {
      digits[--at] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value > 0);
    out.write(digits, at, digits.length - at);
  }

  /** Writes a changed record; the file and line tags come first, as for original bytes. */
  public void writeTree(int file, long line, ObjectNode record, String rescued) throws IOException {
    if (rescued != null) {
      record.put(RESCUED_FIELD, rescued);
    }
    byte[] json = MAPPER.writeValueAsBytes(record);
    writeOriginal(file, line, json, json.length);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
