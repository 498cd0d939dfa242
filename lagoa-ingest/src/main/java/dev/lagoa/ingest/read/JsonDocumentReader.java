package dev.lagoa.ingest.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON documents: a file holds one object (one record), an array of objects, or several of either
 * one after another. The file is streamed: each object's bytes are cut out of the stream as soon as
 * the parser has passed its end and handed on like an NDJSON line, so memory holds one record at a
 * time whatever the file's size. Where the document is broken, the records before the break load
 * and the break is quarantined with its line, the rest of the file with it (a broken document has
 * no next record to resume at).
 */
public final class JsonDocumentReader implements RecordReader {
  /** At most this much of a broken document's tail is kept as the quarantined raw bytes. */
  private static final int MAX_TAIL_BYTES = 1 << 20;

  private final int maxRecordBytes;

  public JsonDocumentReader(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public void read(InputStream in, RecordHandler handler) throws IOException {
    Recording recording = new Recording(in, maxRecordBytes);
    long line = 1;
    // The line where a record started that is not handed on yet; 0 between records.
    long[] pending = new long[1];
    long handled = 0; // the line of the last record handed on
    int index = 0;
    try (JsonParser parser = Json.DOCUMENTS.getFactory().createParser(recording)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        handler.malformed(1, "empty file: no JSON document", new byte[0]);
        return;
      }
      if (parser.currentTokenLocation().getByteOffset() < 0) {
        handler.malformed(1, "a JSON landing file must be UTF-8", recording.tail(0));
        return;
      }
      for (; token != null; token = parser.nextToken()) {
        line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_OBJECT) {
          pending[0] = line;
          element(parser, recording, handler, line);
          pending[0] = 0;
          handled = line;
        } else if (token == JsonToken.START_ARRAY) {
          while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            line = parser.currentTokenLocation().getLineNr();
            pending[0] = line;
            if (token == JsonToken.START_OBJECT) {
              element(parser, recording, handler, line);
              pending[0] = 0;
              handled = line;
            } else {
              long start = parser.currentTokenLocation().getByteOffset();
              recording.keepFrom(start);
              parser.skipChildren();
              handler.malformed(
                  line,
                  "array element " + index + " is not a JSON object",
                  recording.slice(start, parser.currentLocation().getByteOffset()));
              pending[0] = 0;
              handled = line;
            }
            index++;
          }
        } else {
          long start = parser.currentTokenLocation().getByteOffset();
          handler.malformed(
              line,
              "expected a JSON object or array, found "
                  + token
                  + "; the rest of the file is not loaded",
              recording.tail(start));
          return;
        }
      }
    } catch (EOFException e) {
      throw e; // truncated compression: the caller reports where the file broke
    } catch (JacksonException e) {
      // Where the unreadable record started; between records, where the damage is, but after the
      // last record handed on (damage right after a record is on that record's line).
      long at =
          pending[0] > 0
              ? pending[0]
              : Math.max(handled + 1, e.getLocation() == null ? line : e.getLocation().getLineNr());
      handler.malformed(
          Math.max(at, 1),
          "malformed JSON document: " + Json.reason(e) + "; the rest of the file is not loaded",
          recording.tail(recording.keptFrom()));
    }
  }

  private void element(JsonParser parser, Recording recording, RecordHandler handler, long line)
      throws IOException {
    long start = parser.currentTokenLocation().getByteOffset();
    recording.keepFrom(start);
    parser.skipChildren();
    long end = parser.currentLocation().getByteOffset();
    if (recording.overflowed() || start < recording.keptFrom()) {
      handler.malformed(
          line,
          "record is "
              + (end - start)
              + " bytes, more than max_record_bytes "
              + maxRecordBytes
              + "; not kept",
          new byte[0]);
      return;
    }
    byte[] bytes = recording.slice(start, end);
    handler.defer(
        bytes.length,
        worker -> {
          // A pretty-printed record spans lines; JSON allows line breaks only as whitespace
          // between tokens, so the staged copy puts it on one line.
          for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
              bytes[i] = ' ';
            }
          }
          JsonRecordPath.handle(line, bytes, bytes.length, worker);
        });
  }

  /** Keeps the bytes the parser reads from a position on, so a record can be cut out. */
  private static final class Recording extends FilterInputStream {
    private static final int WINDOW = 1 << 16;
    private final int limit;
    private byte[] kept = new byte[1 << 16];
    private int length; // bytes kept
    private long keptFrom; // stream position of kept[0]
    private long position; // stream position of the next byte read
    private boolean overflowed;

    Recording(InputStream in, int limit) {
      super(in);
      this.limit = limit;
    }

    long keptFrom() {
      return keptFrom;
    }

    boolean overflowed() {
      return overflowed;
    }

    /** Drops what was kept before {@code start}. */
    void keepFrom(long start) {
      overflowed = false;
      int drop = (int) Math.max(0, Math.min(length, start - keptFrom));
      System.arraycopy(kept, drop, kept, 0, length - drop);
      length -= drop;
      keptFrom += drop;
    }

    byte[] slice(long start, long end) {
      int from = (int) (start - keptFrom);
      int to = (int) Math.min(length, end - keptFrom);
      return from < 0 || from > to ? new byte[0] : Arrays.copyOfRange(kept, from, to);
    }

    byte[] tail(long start) {
      int from = (int) Math.max(0, Math.min(length, start - keptFrom));
      byte[] bytes = Arrays.copyOfRange(kept, from, Math.min(length, from + MAX_TAIL_BYTES));
      return bytes.length > 0 ? bytes : "(nothing readable)".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        keep(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int read = in.read(b, off, len);
      if (read > 0) {
        keep(b, off, read);
      }
      return read;
    }

    private void keep(byte[] b, int off, int count) {
      position += count;
      if (length + count > kept.length) {
        kept = Arrays.copyOf(kept, Math.max(kept.length * 2, length + count));
      }
      System.arraycopy(b, off, kept, length, count);
      length += count;
      if ((long) length > (long) limit + WINDOW) {
        // The current record is larger than allowed: it is reported, not loaded.
        overflowed = true;
      }
      if (overflowed && length > 2 * WINDOW) {
        // Keep only a window, which holds the parser's read-ahead: the next record starts there.
        int drop = length - WINDOW;
        System.arraycopy(kept, drop, kept, 0, length - drop);
        length -= drop;
        keptFrom += drop;
      }
    }
  }
}
