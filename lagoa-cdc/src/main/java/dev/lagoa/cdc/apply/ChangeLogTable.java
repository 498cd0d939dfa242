package dev.lagoa.cdc.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.cdc.CdcSummary;
import dev.lagoa.cdc.capture.CapturedChange;
import dev.lagoa.core.LagoaException;
import dev.lagoa.iceberg.LakeCatalog;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The optional history of every change a source captured (not the snapshot rows): one row per
 * insert, update, delete and truncate, with the operation, its WAL position, transaction, source
 * time and the key, before and after images as JSON. Appended once per micro-batch, after the
 * mirrored tables, with the same summary.
 */
final class ChangeLogTable {
  static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "_source_table", Types.StringType.get()),
          Types.NestedField.required(2, "_op", Types.StringType.get()),
          Types.NestedField.required(3, "_lsn", Types.LongType.get()),
          Types.NestedField.optional(4, "_tx_id", Types.LongType.get()),
          Types.NestedField.optional(5, "_source_ts", Types.TimestampType.withZone()),
          Types.NestedField.required(6, "_batch", Types.LongType.get()),
          Types.NestedField.optional(7, "key", Types.StringType.get()),
          Types.NestedField.optional(8, "before", Types.StringType.get()),
          Types.NestedField.optional(9, "after", Types.StringType.get()));
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Table table;

  ChangeLogTable(LakeCatalog catalog, String name) {
    this.table = catalog.create(name, SCHEMA, PartitionSpec.unpartitioned());
  }

  Optional<CdcSummary> committed() {
    table.refresh();
    return CdcSummary.of(table.currentSnapshot());
  }

  void append(List<CapturedChange> changes, long batch, Map<String, String> summary) {
    table.refresh();
    List<org.apache.iceberg.DataFile> added;
    try (LakeFiles.PartitionedWriter writer = new LakeFiles.PartitionedWriter(table)) {
      for (CapturedChange change : changes) {
        if (change.kind() == CapturedChange.Kind.MESSAGE) {
          continue;
        }
        GenericRecord row = GenericRecord.create(table.schema());
        row.setField("_source_table", change.table());
        row.setField("_op", change.kind().code());
        row.setField("_lsn", change.lsn());
        row.setField("_tx_id", change.txId());
        row.setField(
            "_source_ts",
            change.sourceMillis() == 0
                ? null
                : OffsetDateTime.ofInstant(
                    Instant.ofEpochMilli(change.sourceMillis()), ZoneOffset.UTC));
        row.setField("_batch", batch);
        row.setField("key", json(change.key()));
        row.setField("before", json(change.before()));
        row.setField("after", json(change.after()));
        writer.write(row);
      }
      added = writer.finish();
    }
    CdcCommits.replaceFiles(table, table.currentSnapshot(), List.of(), added, summary);
  }

  private static String json(Struct struct) {
    if (struct == null) {
      return null;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Field field : struct.schema().fields()) {
      Object value = struct.get(field);
      values.put(
          field.name(),
          value == null || value instanceof Number || value instanceof Boolean
              ? value
              : value instanceof byte[] bytes
                  ? java.util.Base64.getEncoder().encodeToString(bytes)
                  : value.toString());
    }
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(
          e, "Cannot write a change's values as JSON: %s", e.getOriginalMessage());
    }
  }
}
