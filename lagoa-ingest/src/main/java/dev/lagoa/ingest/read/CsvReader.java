package dev.lagoa.ingest.read;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.lagoa.core.config.CsvOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * CSV with a header line, a configurable delimiter, quote and encoding; quoted values may span
 * lines. Values arrive as text (empty means NULL) and are typed against the table by the conformer.
 * A row with another number of values than the header is malformed; a file that is not valid in its
 * declared encoding is quarantined whole, since decoding it any other way would silently change its
 * text.
 */
public final class CsvReader implements RecordReader {
  private static final CsvMapper MAPPER = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

  private final CsvOptions options;
  private final int footerLines;

  public CsvReader(CsvOptions options, int footerLines) {
    this.options = options;
    this.footerLines = footerLines;
  }

  private record Row(long line, String[] values) {}

  @Override
  public void read(InputStream in, RecordHandler handler) throws IOException {
    byte[] bytes = in.readAllBytes();
    String text;
    try {
      text = decode(bytes);
    } catch (MalformedInputException e) {
      handler.malformed(
          1,
          "file is not valid "
              + options.encoding().name()
              + " ("
              + e.getMessage()
              + "); set csv.encoding, e.g. ISO-8859-1",
          bytes);
      return;
    } catch (CharacterCodingException e) {
      handler.malformed(1, "file is not valid " + options.encoding().name() + ": " + e, bytes);
      return;
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    CsvSchema schema =
        CsvSchema.emptySchema()
            .withColumnSeparator(options.delimiter())
            .withQuoteChar(options.quote())
            .withSkipFirstDataRow(false);
    String[] header = null;
    int skipped = 0;
    Deque<Row> footer = new ArrayDeque<>();
    try (MappingIterator<String[]> rows =
        MAPPER.readerFor(String[].class).with(schema).readValues(text)) {
      while (true) {
        long line = rows.getParser().currentLocation().getLineNr();
        String[] values;
        try {
          if (!rows.hasNextValue()) {
            break;
          }
          values = rows.nextValue();
        } catch (IOException | RuntimeException e) {
          handler.malformed(line, "malformed CSV: " + Json.reason(e), remainder(text, line));
          return;
        }
        if (skipped < options.skipLines()) {
          skipped++;
          continue;
        }
        if (header == null) {
          header = trimTrailingEmpty(values, Integer.MAX_VALUE);
          if (!options.header()) {
            String[] names = new String[header.length];
            for (int i = 0; i < names.length; i++) {
              names[i] = "column" + (i + 1);
            }
            footer.addLast(new Row(line, values));
            header = names;
          }
          continue;
        }
        footer.addLast(new Row(line, values));
        if (footer.size() > footerLines) {
          emit(footer.removeFirst(), header, handler);
        }
      }
    }
    if (header == null) {
      handler.malformed(1, "empty file: no header line", bytes);
      return;
    }
    while (footer.size() > footerLines) {
      emit(footer.removeFirst(), header, handler);
    }
    // What remains are the declared footer lines (csv.footer_lines), skipped by configuration.
  }

  private void emit(Row row, String[] header, RecordHandler handler) {
    String[] values = trimTrailingEmpty(row.values(), header.length);
    if (values.length == 1 && values[0].isEmpty()) {
      return; // blank line
    }
    if (values.length != header.length) {
      handler.malformed(
          row.line(),
          "expected "
              + header.length
              + " values ("
              + String.join(String.valueOf(options.delimiter()), header)
              + "), found "
              + values.length,
          String.join(String.valueOf(options.delimiter()), row.values())
              .getBytes(StandardCharsets.UTF_8));
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
    handler.record(row.line(), record, null);
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
    return length == values.length ? values : java.util.Arrays.copyOf(values, length);
  }

  private String decode(byte[] bytes) throws CharacterCodingException {
    CharsetDecoder decoder =
        options
            .encoding()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
    return chars.toString();
  }

  private static byte[] remainder(String text, long fromLine) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int from = (int) Math.max(0, Math.min(lines.size(), fromLine - 1));
    return String.join("\n", lines.subList(from, lines.size())).getBytes(StandardCharsets.UTF_8);
  }
}
