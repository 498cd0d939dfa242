package dev.lagoa.ingest.read;

import java.util.Arrays;

/**
 * The one way a JSON record's bytes become a staged record, a rescued one or a quarantined one,
 * whatever file format they came from: strict UTF-8 first, then the handler's fast path for bytes
 * that fit as they are, then a full parse ({@link JsonRecords}).
 */
final class JsonRecordPath {
  private JsonRecordPath() {}

  static void handle(long line, byte[] buffer, int length, RecordHandler handler) {
    String invalid = Utf8.problem(buffer, 0, length);
    if (invalid != null) {
      handler.malformed(line, "invalid UTF-8: " + invalid, Arrays.copyOf(buffer, length));
      return;
    }
    if (handler.offer(line, buffer, length)) {
      return;
    }
    byte[] bytes = Arrays.copyOf(buffer, length);
    JsonRecords.Parsed parsed;
    try {
      parsed = JsonRecords.parse(bytes, 0, length);
    } catch (JsonRecords.Invalid e) {
      handler.malformed(line, e.getMessage(), bytes);
      return;
    }
    handler.record(line, parsed.record(), parsed.displaced(), bytes);
  }
}
