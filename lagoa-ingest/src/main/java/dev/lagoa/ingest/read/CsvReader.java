package dev.lagoa.ingest.read;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.ingest.schema.ColumnNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CSV with a header line, a configurable delimiter, quote and (ASCII-compatible) encoding; quoted
 * values may span lines. The file is streamed record by record, so memory holds one record whatever
 * the file's size. Values arrive as text (empty means NULL) and are typed against the table by the
 * conformer.
 *
 * <p>Each record is decoded on its own: a line that is not valid in the declared encoding is
 * quarantined and the rest of the file loads. A row with another number of values than the header
 * is malformed. A quote that is never closed would swallow the rest of the file into one value;
 * when the file ends (or {@code max_record_bytes} is reached) inside quotes, the line where the
 * quoted value opened is quarantined and reading resumes on the next line. A header naming the same
 * column twice ({@code id,v,v}) gets suffixes: {@code v}, {@code v_2}.
 */
public final class CsvReader implements RecordReader {
  private final CsvOptions options;
  private final int footerLines;
  private final int maxRecordBytes;
  // One per thread: a parallel read decodes records on several workers.
  private final ThreadLocal<CharsetDecoder> decoders;

  public CsvReader(CsvOptions options, int footerLines, int maxRecordBytes) {
    this.options = options;
    this.footerLines = footerLines;
    this.maxRecordBytes = maxRecordBytes;
    this.decoders =
        ThreadLocal.withInitial(
            () ->
                options
                    .encoding()
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
  }

  /** A record; {@code values} null when it is still to be decoded (parallel read). */
  private record Row(long line, String[] values, byte[] raw) {}

  @Override
  public void read(InputStream in, RecordHandler handler) throws IOException {
    RecordSplitter splitter =
        new RecordSplitter(
            in, (byte) options.delimiter(), (byte) options.quote(), maxRecordBytes, handler);
    String[] header = null;
    int skipped = 0;
    StringBuilder titleLines = new StringBuilder();
    Deque<Row> footer = new ArrayDeque<>();
    RecordSplitter.Record record;
    boolean first = true;
    while ((record = splitter.next()) != null) {
      byte[] bytes = record.bytes();
      int start = 0;
      if (first
          && bytes.length >= 3
          && (bytes[0] & 0xff) == 0xef
          && (bytes[1] & 0xff) == 0xbb
          && (bytes[2] & 0xff) == 0xbf) {
        start = 3; // UTF-8 byte order mark
      }
      first = false;
      if (header != null && footerLines == 0 && handler.defers()) {
        // A parallel read decodes data records on the workers. (With footer lines it decodes here:
        // which records are the footer depends on which ones decode.)
        emit(new Row(record.line(), null, bytes), header, handler);
        continue;
      }
      String text;
      try {
        text = decode(bytes, start);
      } catch (CharacterCodingException e) {
        String reason = notValid(e);
        if (header == null && skipped >= options.skipLines() && options.header()) {
          handler.malformed(
              record.line(), "header " + reason + "; the rest of the file is not loaded", bytes);
          splitter.skipRest();
          return;
        }
        handler.malformed(record.line(), reason, bytes);
        continue;
      }
      if (skipped < options.skipLines()) {
        titleLines.append(skipped == 0 ? "" : "\n").append(text);
        skipped++;
        if (skipped == options.skipLines()) {
          handler.titleLines(titleLines.toString());
        }
        continue;
      }
      String[] values = split(text);
      if (header == null) {
        String[] names = trimTrailingEmpty(values, Integer.MAX_VALUE);
        if (!options.header()) {
          String[] generated = new String[names.length];
          for (int i = 0; i < generated.length; i++) {
            generated[i] = "column" + (i + 1);
          }
          footer.addLast(new Row(record.line(), values, bytes));
          header = generated;
        } else {
          header = columnNames(names);
        }
        continue;
      }
      footer.addLast(new Row(record.line(), values, bytes));
      if (footer.size() > footerLines) {
        emit(footer.removeFirst(), header, handler);
      }
    }
    if (header == null) {
      handler.malformed(1, "empty file: no header line", new byte[0]);
      return;
    }
    while (footer.size() > footerLines) {
      emit(footer.removeFirst(), header, handler);
    }
    // What remains are the declared footer lines (csv.footer_lines), skipped by configuration.
  }

  /**
   * The header's names as columns: an empty name becomes {@code column<n>}, and a name filling the
   * same column as an earlier one ({@link ColumnNames}) gets the suffix {@code _2}, {@code _3}...
   */
  static String[] columnNames(String[] header) {
    String[] names = new String[header.length];
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < header.length; i++) {
      String name = header[i].isEmpty() ? "column" + (i + 1) : header[i];
      if (!taken.add(ColumnNames.matchKey(name))) {
        String base = name;
        for (int n = 2; !taken.add(ColumnNames.matchKey(name)); n++) {
          name = base + "_" + n;
        }
      }
      names[i] = name;
    }
    return names;
  }

  private String decode(byte[] bytes, int start) throws CharacterCodingException {
    String text =
        decoders.get().decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
    return !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
  }

  private String notValid(CharacterCodingException e) {
    return "line is not valid "
        + options.encoding().name()
        + " ("
        + e
        + "); set csv.encoding, e.g. ISO-8859-1";
  }

  private void emit(Row row, String[] header, RecordHandler handler) {
    if (row.raw().length == 0) {
      return; // a blank line is no record
    }
    handler.defer(row.raw().length, worker -> emitNow(row, header, worker));
  }

  private void emitNow(Row row, String[] header, RecordHandler handler) {
    String[] split = row.values();
    if (split == null) {
      try {
        split = split(decode(row.raw(), 0));
      } catch (CharacterCodingException e) {
        handler.malformed(row.line(), notValid(e), row.raw());
        return;
      }
    }
    String[] values = trimTrailingEmpty(split, header.length);
    if (values.length != header.length) {
      handler.malformed(
          row.line(),
          "expected "
              + header.length
              + " values ("
              + String.join(String.valueOf(options.delimiter()), header)
              + "), found "
              + values.length,
          row.raw());
      return;
    }
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < header.length; i++) {
      if (values[i].isEmpty()) {
        record.putNull(header[i]);
      } else {
        record.put(header[i], values[i]);
      }
    }
    handler.record(row.line(), record, null, null);
  }

  /** The values of one decoded record: quotes open only at the start of a value. */
  private String[] split(String text) {
    char delimiter = options.delimiter();
    char quote = options.quote();
    List<String> values = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (true) {
      value.setLength(0);
      if (i < n && text.charAt(i) == quote) {
        i++;
        while (i < n) {
          char c = text.charAt(i);
          if (c == quote) {
            if (i + 1 < n && text.charAt(i + 1) == quote) {
              value.append(quote);
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value.append(c);
          i++;
        }
      }
      while (i < n && text.charAt(i) != delimiter) {
        value.append(text.charAt(i));
        i++;
      }
      values.add(value.toString());
      if (i >= n) {
        break;
      }
      i++; // the delimiter
    }
    return values.toArray(new String[0]);
  }

  /**
   * Drops empty values after position {@code keep}: B3's export ends every row with a delimiter.
   */
  private static String[] trimTrailingEmpty(String[] values, int keep) {
    int length = values.length;
    while (length > keep && length > 1 && values[length - 1].isEmpty()) {
      length--;
    }
    if (keep == Integer.MAX_VALUE) {
      while (length > 1 && values[length - 1].isEmpty()) {
        length--;
      }
    }
    return length == values.length ? values : Arrays.copyOf(values, length);
  }

  /**
   * Cuts a byte stream into CSV records without decoding it: a line break ends a record unless it
   * is inside a quoted value. Works for every encoding in which these bytes mean themselves (UTF-8,
   * ISO-8859-*, Windows code pages).
   */
  static final class RecordSplitter {
    record Record(long line, byte[] bytes) {}

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final byte delimiter;
    private final byte quote;
    private final int maxRecordBytes;
    private final RecordHandler handler;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    // Bytes given back after an unterminated quote, read again before the stream.
    private byte[] replay = new byte[0];
    private int replayPosition;
    private long line = 1;

    RecordSplitter(
        InputStream in, byte delimiter, byte quote, int maxRecordBytes, RecordHandler handler) {
      this.in = in;
      this.delimiter = delimiter;
      this.quote = quote;
      this.maxRecordBytes = maxRecordBytes;
      this.handler = handler;
    }

    private int nextByte() throws IOException {
      if (replayPosition < replay.length) {
        return replay[replayPosition++] & 0xff;
      }
      if (position == limit) {
        limit = in.read(buffer);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return -1;
        }
      }
      return buffer[position++] & 0xff;
    }

    void skipRest() throws IOException {
      replay = new byte[0];
      while (in.read(buffer) >= 0) {
        // drained: the file is consumed, the reason says the rest was not loaded
      }
    }

    /** The next record, its line terminator removed; null at the end of the stream. */
    Record next() throws IOException {
      while (true) {
        long startLine = line;
        byte[] bytes = new byte[256];
        int length = 0;
        int state = FIELD_START;
        long total = 0;
        int firstBreak = -1; // offset of the first line break inside the record
        boolean tooLong = false;
        int b;
        while ((b = nextByte()) >= 0) {
          if (b == '\n' && state != QUOTED) {
            break;
          }
          if (b == '\n') {
            line++;
            if (firstBreak < 0) {
              firstBreak = length;
            }
          }
          total++;
          if (!tooLong) {
            if (length == bytes.length) {
              bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = (byte) b;
          }
          if (total > maxRecordBytes && !tooLong) {
            if (state == QUOTED && firstBreak >= 0) {
              break;
            }
            tooLong = true;
          }
          state = advance(state, (byte) b);
        }
        if (b < 0 && length == 0 && total == 0) {
          return null;
        }
        if (state == QUOTED && firstBreak >= 0) {
          // The file ended, or the record outgrew max_record_bytes, inside quotes.
          unterminated(startLine, bytes, length, firstBreak);
          continue;
        }
        line++;
        if (tooLong) {
          handler.malformed(
              startLine,
              "record is "
                  + total
                  + " bytes, more than max_record_bytes "
                  + maxRecordBytes
                  + "; first "
                  + length
                  + " bytes kept",
              Arrays.copyOf(bytes, length));
          if (b < 0) {
            return null;
          }
          continue;
        }
        if (length > 0 && bytes[length - 1] == '\r') {
          length--;
        }
        return new Record(startLine, Arrays.copyOf(bytes, length));
      }
    }

    /**
     * Quarantines the line where a never-closed quoted value opened and reads the following lines
     * again as records of their own.
     */
    private void unterminated(long startLine, byte[] bytes, int length, int firstBreak) {
      handler.malformed(
          startLine,
          "unterminated quoted value: the quote opened on this line is never closed; the"
              + " following lines are read again as records",
          Arrays.copyOf(bytes, firstBreak));
      byte[] rest = Arrays.copyOfRange(bytes, firstBreak + 1, length);
      byte[] remainingReplay = Arrays.copyOfRange(replay, replayPosition, replay.length);
      byte[] combined = new byte[rest.length + remainingReplay.length];
      System.arraycopy(rest, 0, combined, 0, rest.length);
      System.arraycopy(remainingReplay, 0, combined, rest.length, remainingReplay.length);
      replay = combined;
      replayPosition = 0;
      line = startLine + 1;
    }

    private int advance(int state, byte b) {
      switch (state) {
        case FIELD_START:
          return b == quote ? QUOTED : b == delimiter ? FIELD_START : UNQUOTED;
        case UNQUOTED:
          return b == delimiter ? FIELD_START : UNQUOTED;
        case QUOTED:
          return b == quote ? QUOTE_IN_QUOTED : QUOTED;
        default: // QUOTE_IN_QUOTED
          return b == quote ? QUOTED : b == delimiter ? FIELD_START : UNQUOTED;
      }
    }
  }
}
