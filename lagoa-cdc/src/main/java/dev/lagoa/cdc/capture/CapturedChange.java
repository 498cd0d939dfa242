package dev.lagoa.cdc.capture;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One event read from the source: a row of the initial snapshot, an insert, update or delete, a
 * truncate, or a logical decoding message.
 *
 * @param table the source table, {@code schema.name} (empty for messages)
 * @param key the primary key (null for truncates, messages and tables without a key)
 * @param after the row after the change (null for deletes and truncates)
 * @param before the row before the change, when the source sends it
 * @param rowSchema the schema of the rows of {@code table} as of this change (null for truncates
 *     and messages)
 * @param lsn the WAL position of the change
 * @param snapshotMarker Debezium's {@code source.snapshot} value ({@code last} ends the snapshot)
 */
public record CapturedChange(
    Kind kind,
    String table,
    Struct key,
    Struct before,
    Struct after,
    Schema rowSchema,
    long lsn,
    long txId,
    long sourceMillis,
    String snapshotMarker,
    String messagePrefix,
    String messageContent,
    Map<String, ?> offset) {

  /** What happened. */
  public enum Kind {
    SNAPSHOT_READ,
    INSERT,
    UPDATE,
    DELETE,
    TRUNCATE,
    MESSAGE;

    /** The one-letter code Debezium uses, kept in the change log. */
    public String code() {
      return switch (this) {
        case SNAPSHOT_READ -> "r";
        case INSERT -> "c";
        case UPDATE -> "u";
        case DELETE -> "d";
        case TRUNCATE -> "t";
        case MESSAGE -> "m";
      };
    }
  }

  /** Whether this row is the last one of the initial snapshot. */
  public boolean endsSnapshot() {
    return kind == Kind.SNAPSHOT_READ && "last".equals(snapshotMarker);
  }

  /** The change a Debezium record carries, or null for records that carry none (tombstones). */
  public static CapturedChange of(SourceRecord record) {
    if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
      return null;
    }
    String op = value.getString("op");
    Struct source = value.schema().field("source") == null ? null : value.getStruct("source");
    long lsn = longField(source, "lsn");
    long txId = longField(source, "txId");
    long millis = longField(source, "ts_ms");
    String marker =
        source == null || source.schema().field("snapshot") == null
            ? "false"
            : String.valueOf(source.get("snapshot"));
    String table =
        source == null || source.schema().field("table") == null || source.get("table") == null
            ? ""
            : source.getString("schema") + "." + source.getString("table");
    if ("m".equals(op)) {
      Struct message = value.getStruct("message");
      byte[] content = message.getBytes("content");
      return new CapturedChange(
          Kind.MESSAGE,
          "",
          null,
          null,
          null,
          null,
          lsn,
          txId,
          millis,
          marker,
          message.getString("prefix"),
          content == null ? "" : new String(content, java.nio.charset.StandardCharsets.UTF_8),
          record.sourceOffset());
    }
    Kind kind =
        switch (op) {
          case "r" -> Kind.SNAPSHOT_READ;
          case "c" -> Kind.INSERT;
          case "u" -> Kind.UPDATE;
          case "d" -> Kind.DELETE;
          case "t" -> Kind.TRUNCATE;
          default -> null;
        };
    if (kind == null) {
      return null;
    }
    Schema rowSchema =
        value.schema().field("after") == null ? null : value.schema().field("after").schema();
    Struct key = record.key() instanceof Struct k ? k : null;
    Struct before = value.schema().field("before") == null ? null : value.getStruct("before");
    Struct after = value.schema().field("after") == null ? null : value.getStruct("after");
    return new CapturedChange(
        kind,
        table,
        key,
        before,
        after,
        rowSchema,
        lsn,
        txId,
        millis,
        marker,
        "",
        "",
        record.sourceOffset());
  }

  private static long longField(Struct source, String name) {
    if (source == null || source.schema().field(name) == null) {
      return 0;
    }
    Object value = source.get(name);
    return value instanceof Number number ? number.longValue() : 0;
  }
}
