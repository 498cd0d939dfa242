package dev.lagoa.ingest.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes conforming records as NDJSON for DuckDB to read, tagged with the batch-local index of
 * their source file and their line. A record that was not changed is copied from its original
 * bytes, which keeps the common case to a byte copy.
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
  private long records;

  public StagingWriter(Path path) throws IOException {
    this.path = path;
    this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20);
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
