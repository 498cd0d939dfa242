package dev.lagoa.cdc.apply;

import dev.lagoa.cdc.CdcSummary;
import dev.lagoa.cdc.capture.CapturedChange;
import dev.lagoa.cdc.postgres.SourceTable;
import dev.lagoa.core.LagoaException;
import dev.lagoa.iceberg.LakeCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The lake table mirroring one source table, keyed by its primary key and written copy-on-write:
 * the table is bucketed by its first key column, and a micro-batch rewrites only the data files of
 * the buckets its keys fall in, so every data file always holds exactly the live rows and any
 * Parquet reader (DuckDB ignores delete files) reads the table correctly.
 *
 * <p>A table without a primary key captured append-only gets the rows of inserts and updates
 * appended; deletes are not applied to it.
 */
final class MirrorTable {
  private final LakeCatalog catalog;
  private final String lakeName;
  private final SourceTable source;
  private final int buckets;
  private Table table;
  private org.apache.kafka.connect.data.Schema syncedSchema;
  // A promoted column type: the next batch rewrites every file, so no data file keeps the narrower
  // physical type (readers given the table's type for a file written with the old one misread it).
  private boolean rewriteAll;

  MirrorTable(LakeCatalog catalog, String lakeName, SourceTable source, int buckets) {
    this.catalog = catalog;
    this.lakeName = lakeName;
    this.source = source;
    this.buckets = buckets;
    this.table = catalog.find(lakeName).orElse(null);
  }

  String lakeName() {
    return lakeName;
  }

  SourceTable source() {
    return source;
  }

  /** What the table's last commit covered, if a CDC commit wrote it. */
  Optional<CdcSummary> committed() {
    if (table == null) {
      return Optional.empty();
    }
    table.refresh();
    return CdcSummary.of(table.currentSnapshot());
  }

  private boolean keyed() {
    return !source.primaryKey().isEmpty();
  }

  /**
   * Creates the table from the source row schema, or brings its columns in line with it: new
   * columns are added, dropped ones dropped, int/float/decimal columns widened in place. Any other
   * type change stops with a message naming the column.
   */
  void syncSchema(org.apache.kafka.connect.data.Schema rowSchema) {
    if (rowSchema == null || rowSchema == syncedSchema) {
      return;
    }
    if (table == null) {
      create(rowSchema);
    } else {
      evolve(rowSchema);
    }
    syncedSchema = rowSchema;
  }

  private void create(org.apache.kafka.connect.data.Schema rowSchema) {
    List<Types.NestedField> columns = new ArrayList<>();
    Set<Integer> identifier = new HashSet<>();
    int id = 1;
    for (Field field : rowSchema.fields()) {
      Type type = ConnectTypes.icebergType(field.schema(), source.qualifiedName(), field.name());
      boolean key = source.primaryKey().contains(field.name());
      columns.add(
          key
              ? Types.NestedField.required(id, field.name(), type)
              : Types.NestedField.optional(id, field.name(), type));
      if (key) {
        identifier.add(id);
      }
      id++;
    }
    Schema schema = new Schema(columns, identifier);
    PartitionSpec spec =
        keyed()
            ? PartitionSpec.builderFor(schema).bucket(source.primaryKey().get(0), buckets).build()
            : PartitionSpec.unpartitioned();
    table = catalog.create(lakeName, schema, spec);
  }

  private void evolve(org.apache.kafka.connect.data.Schema rowSchema) {
    table.refresh();
    Schema current = table.schema();
    UpdateSchema update = table.updateSchema();
    boolean changed = false;
    Set<String> incoming = new HashSet<>();
    for (Field field : rowSchema.fields()) {
      incoming.add(field.name());
      Type type = ConnectTypes.icebergType(field.schema(), source.qualifiedName(), field.name());
      Types.NestedField column = current.findField(field.name());
      if (column == null) {
        update.addColumn(field.name(), type);
        changed = true;
      } else if (!ConnectTypes.holds(column.type(), type)) {
        if (!ConnectTypes.canWiden(column.type(), type)) {
          throw LagoaException.userInput(
              "Cannot apply a schema change of source table %s to lake table %s: column %s changed"
                  + " from %s to %s, which Iceberg cannot change in place. Drop the lake table and"
                  + " run `lagoa cdc resnapshot` to copy the table again with its new type",
              source.qualifiedName(), lakeName, field.name(), column.type(), type);
        }
        update.updateColumn(field.name(), type.asPrimitiveType());
        changed = true;
        rewriteAll = true;
      }
    }
    for (Types.NestedField column : current.columns()) {
      if (!incoming.contains(column.name())) {
        if (source.primaryKey().contains(column.name())) {
          throw LagoaException.userInput(
              "Cannot apply a schema change of source table %s to lake table %s: key column %s"
                  + " was dropped; re-snapshot the table (`lagoa cdc resnapshot`)",
              source.qualifiedName(), lakeName, column.name());
        }
        update.deleteColumn(column.name());
        changed = true;
      }
    }
    if (changed) {
      update.commit();
      table.refresh();
    }
  }

  /** Starts replacing the whole table with the rows of a snapshot of the source. */
  SnapshotLoad beginSnapshot() {
    return new SnapshotLoad();
  }

  /** Rows of a snapshot of the source table, replacing every row of the lake table at once. */
  final class SnapshotLoad {
    private LakeFiles.PartitionedWriter writer;
    private long rows;

    void add(CapturedChange change) {
      syncSchema(change.rowSchema());
      if (writer == null) {
        writer = new LakeFiles.PartitionedWriter(table);
      }
      Record row = toRecord(change.after());
      clearUnavailable(row);
      writer.write(row);
      rows++;
    }

    long rows() {
      return rows;
    }

    /**
     * Commits the snapshot's rows in place of every current row; a table never seen stays absent.
     */
    void commit(Map<String, String> summary) {
      if (table == null) {
        return;
      }
      List<DataFile> added = writer == null ? List.of() : writer.finish();
      table.refresh();
      CdcCommits.replaceFiles(
          table, table.currentSnapshot(), LakeFiles.current(table), added, summary);
    }
  }

  /**
   * Applies the changes of one micro-batch, in order, and commits them with {@code summary} in one
   * snapshot (a summary-only snapshot when none of them concern this table).
   */
  Snapshot apply(List<CapturedChange> changes, Map<String, String> summary) {
    for (CapturedChange change : changes) {
      syncSchema(change.rowSchema());
    }
    if (table == null) {
      return null;
    }
    table.refresh();
    Snapshot base = table.currentSnapshot();
    if (!keyed()) {
      return appendOnly(changes, base, summary);
    }
    boolean truncated = false;
    Map<List<Object>, Record> latest = new LinkedHashMap<>();
    for (CapturedChange change : changes) {
      switch (change.kind()) {
        case TRUNCATE -> {
          truncated = true;
          latest.clear();
        }
        case INSERT, UPDATE, SNAPSHOT_READ -> {
          Record row = toRecord(change.after());
          List<Object> key = keyOf(row);
          Record previous = latest.get(key);
          if (previous != null) {
            fillUnavailable(row, previous);
          }
          latest.put(key, row);
        }
        case DELETE ->
            latest.put(keyOf(change.key() != null ? change.key() : change.before()), null);
        case MESSAGE -> {}
      }
    }
    List<DataFile> current = LakeFiles.current(table);
    List<DataFile> rewritten = new ArrayList<>();
    if (truncated || rewriteAll) {
      rewritten.addAll(current);
    } else {
      Set<Integer> touched = new HashSet<>();
      for (List<Object> key : latest.keySet()) {
        touched.add(bucketOf(key));
      }
      for (DataFile file : current) {
        if (touched.contains(file.partition().get(0, Integer.class))) {
          rewritten.add(file);
        }
      }
    }
    List<DataFile> added;
    try (LakeFiles.PartitionedWriter writer = new LakeFiles.PartitionedWriter(table)) {
      Set<List<Object>> seen = new HashSet<>();
      if (!truncated) {
        for (DataFile file : rewritten) {
          try (CloseableIterable<Record> rows = LakeFiles.read(table, file)) {
            for (Record row : rows) {
              List<Object> key = keyOf(row);
              if (!latest.containsKey(key)) {
                writer.write(row.copy());
                continue;
              }
              seen.add(key);
              Record next = latest.get(key);
              if (next != null) {
                fillUnavailable(next, row);
                writer.write(next);
              }
            }
          } catch (IOException e) {
            throw LagoaException.external(
                e, "Cannot read a data file of %s: %s", table.name(), e.getMessage());
          }
        }
      }
      for (Map.Entry<List<Object>, Record> entry : latest.entrySet()) {
        if (entry.getValue() != null && !seen.contains(entry.getKey())) {
          clearUnavailable(entry.getValue());
          writer.write(entry.getValue());
        }
      }
      added = writer.finish();
    }
    Snapshot committed = CdcCommits.replaceFiles(table, base, rewritten, added, summary);
    rewriteAll = false;
    return committed;
  }

  private Snapshot appendOnly(
      List<CapturedChange> changes, Snapshot base, Map<String, String> summary) {
    List<DataFile> deleted = new ArrayList<>();
    List<DataFile> added;
    try (LakeFiles.PartitionedWriter writer = new LakeFiles.PartitionedWriter(table)) {
      for (CapturedChange change : changes) {
        if (change.kind() == CapturedChange.Kind.TRUNCATE) {
          deleted.addAll(LakeFiles.current(table));
        } else if (change.after() != null) {
          Record row = toRecord(change.after());
          clearUnavailable(row);
          writer.write(row);
        }
      }
      added = writer.finish();
    }
    return CdcCommits.replaceFiles(table, base, deleted, added, summary);
  }

  private Record toRecord(Struct row) {
    Schema schema = table.schema();
    GenericRecord record = GenericRecord.create(schema);
    for (Field field : row.schema().fields()) {
      Types.NestedField column = schema.findField(field.name());
      if (column != null) {
        record.setField(
            field.name(), ConnectTypes.value(field.schema(), row.get(field), column.type()));
      }
    }
    return record;
  }

  private List<Object> keyOf(Record row) {
    List<Object> key = new ArrayList<>(source.primaryKey().size());
    for (String column : source.primaryKey()) {
      key.add(row.getField(column));
    }
    return key;
  }

  private List<Object> keyOf(Struct keyStruct) {
    Schema schema = table.schema();
    List<Object> key = new ArrayList<>(source.primaryKey().size());
    for (String column : source.primaryKey()) {
      Field field = keyStruct.schema().field(column);
      key.add(
          ConnectTypes.value(
              field.schema(), keyStruct.get(field), schema.findField(column).type()));
    }
    return key;
  }

  private int bucketOf(List<Object> key) {
    Schema schema = table.schema();
    GenericRecord record = GenericRecord.create(schema);
    for (int i = 0; i < key.size(); i++) {
      record.setField(source.primaryKey().get(i), key.get(i));
    }
    PartitionKey partition = new PartitionKey(table.spec(), schema);
    partition.partition(new InternalRecordWrapper(schema.asStruct()).wrap(record));
    return partition.get(0, Integer.class);
  }

  private static void fillUnavailable(Record row, Record previous) {
    for (int i = 0; i < row.size(); i++) {
      if (row.get(i) == ConnectTypes.UNAVAILABLE) {
        Object old = i < previous.size() ? previous.get(i) : null;
        row.set(i, old == ConnectTypes.UNAVAILABLE ? ConnectTypes.UNAVAILABLE : old);
      }
    }
  }

  private static void clearUnavailable(Record row) {
    for (int i = 0; i < row.size(); i++) {
      if (row.get(i) == ConnectTypes.UNAVAILABLE) {
        row.set(i, null);
      }
    }
  }
}
