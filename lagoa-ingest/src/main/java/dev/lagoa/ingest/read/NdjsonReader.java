package dev.lagoa.ingest.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Newline-delimited JSON: one object per line. A line that does not parse, is not an object or is
 * longer than the limit is reported malformed with its bytes; blank lines are skipped. A stream
 * that ends abruptly (truncated gzip) reports its incomplete last line as malformed and then fails.
 */
public final class NdjsonReader implements RecordReader {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final int maxRecordBytes;

  public NdjsonReader(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public void read(InputStream in, RecordHandler handler) throws IOException {
    byte[] buffer = new byte[1 << 16];
    byte[] line = new byte[1 << 12];
    int lineLength = 0;
    long lineBytes = 0;
    long lineNumber = 1;
    while (true) {
      int read;
      try {
        read = in.read(buffer);
      } catch (EOFException e) {
        handler.malformed(
            lineNumber,
            "file ends unexpectedly (truncated gzip?): "
                + e.getMessage()
                + "; line incomplete, the rest of the file is not loaded",
            Arrays.copyOf(line, lineLength));
        throw e;
      }
      if (read < 0) {
        break;
      }
      int start = 0;
      int i;
      while ((i = newline(buffer, start, read)) >= 0) {
        int chunk = i - start;
        lineBytes += chunk;
        if (lineLength + chunk <= maxRecordBytes) {
          line = append(line, lineLength, buffer, start, chunk);
          lineLength += chunk;
        }
        emit(line, lineLength, lineBytes, lineNumber, handler);
        lineNumber++;
        lineLength = 0;
        lineBytes = 0;
        start = i + 1;
      }
      int rest = read - start;
      lineBytes += rest;
      if (lineLength + rest <= maxRecordBytes) {
        line = append(line, lineLength, buffer, start, rest);
        lineLength += rest;
      }
    }
    if (lineBytes > 0) {
      emit(line, lineLength, lineBytes, lineNumber, handler);
    }
  }

  /** The position of the first newline in {@code buffer[from, to)}, or -1. */
  private static int newline(byte[] buffer, int from, int to) {
    int i = from;
    // Eight bytes at a time: a byte of x is zero where the buffer holds a newline.
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long x = (long) LONGS.get(buffer, i) ^ NEWLINES;
      long found = (x - ONES) & ~x & HIGH_BITS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] append(byte[] line, int length, byte[] source, int offset, int count) {
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
    }
    System.arraycopy(source, offset, line, length, count);
    return line;
  }

  private void emit(
      byte[] line, int length, long totalBytes, long lineNumber, RecordHandler handler) {
    if (length > 0 && line[length - 1] == '\r') {
      length--;
      totalBytes--;
    }
    if (totalBytes > maxRecordBytes) {
      handler.malformed(
          lineNumber,
          "line is "
              + totalBytes
              + " bytes, more than max_record_bytes "
              + maxRecordBytes
              + "; first "
              + length
              + " bytes kept",
          Arrays.copyOf(line, length));
      return;
    }
    if (isBlank(line, length)) {
      return;
    }
    if (handler.defers()) {
      byte[] copy = Arrays.copyOf(line, length);
      handler.defer(length, worker -> JsonRecordPath.handle(lineNumber, copy, copy.length, worker));
    } else {
      JsonRecordPath.handle(lineNumber, line, length, handler);
    }
  }

  private static boolean isBlank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
