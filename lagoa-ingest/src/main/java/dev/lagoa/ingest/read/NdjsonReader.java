package dev.lagoa.ingest.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Newline-delimited JSON: one object per line. A line that does not parse, is not an object or is
 * longer than the limit is reported malformed with its bytes; blank lines are skipped. A stream
 * that ends abruptly (truncated gzip) reports its incomplete last line as malformed and then fails.
 */
public final class NdjsonReader implements RecordReader {
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
      for (int i = 0; i < read; i++) {
        if (buffer[i] != '\n') {
          continue;
        }
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
