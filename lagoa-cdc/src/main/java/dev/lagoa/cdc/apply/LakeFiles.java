package dev.lagoa.cdc.apply;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

/** Reads and writes a table's Parquet data files row by row, with Iceberg's generic records. */
final class LakeFiles {
  private LakeFiles() {}

  /** The data files of the table's current snapshot. */
  static List<DataFile> current(Table table) {
    List<DataFile> files = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      return files;
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        files.add(task.file());
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot list the files of %s: %s", table.name(), e.getMessage());
    }
    return files;
  }

  /** The rows of {@code file}, read with the table's current schema (newer columns are null). */
  static CloseableIterable<Record> read(Table table, DataFile file) {
    Schema schema = table.schema();
    return Parquet.read(table.io().newInputFile(file.location()))
        .project(schema)
        .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
        .build();
  }

  /** Writes rows into one new data file per partition, opened as rows arrive. */
  static final class PartitionedWriter implements AutoCloseable {
    private final Table table;
    private final Schema schema;
    private final PartitionKey key;
    private final InternalRecordWrapper wrapper;
    private final Map<PartitionKey, DataWriter<Record>> writers = new HashMap<>();
    private final List<DataFile> written = new ArrayList<>();

    PartitionedWriter(Table table) {
      this.table = table;
      this.schema = table.schema();
      this.key = new PartitionKey(table.spec(), schema);
      this.wrapper = new InternalRecordWrapper(schema.asStruct());
    }

    void write(Record row) {
      key.partition(wrapper.wrap(row));
      DataWriter<Record> writer = writers.get(key);
      if (writer == null) {
        PartitionKey copy = key.copy();
        writer = open(copy);
        writers.put(copy, writer);
      }
      writer.write(row);
    }

    private DataWriter<Record> open(PartitionKey partition) {
      String name = UUID.randomUUID() + ".parquet";
      OutputFile file =
          table
              .io()
              .newOutputFile(
                  table.spec().isUnpartitioned()
                      ? table.locationProvider().newDataLocation(name)
                      : table.locationProvider().newDataLocation(table.spec(), partition, name));
      try {
        return Parquet.writeData(file)
            .forTable(table)
            .withPartition(table.spec().isUnpartitioned() ? null : partition)
            .createWriterFunc(message -> GenericParquetWriter.create(schema, message))
            .overwrite()
            .build();
      } catch (IOException e) {
        throw LagoaException.external(
            e, "Cannot open a data file of %s: %s", table.name(), e.getMessage());
      }
    }

    /** Closes every file and returns them, ready to commit. */
    List<DataFile> finish() {
      close();
      return List.copyOf(written);
    }

    @Override
    public void close() {
      for (DataWriter<Record> writer : writers.values()) {
        try {
          writer.close();
        } catch (IOException e) {
          throw LagoaException.external(
              e, "Cannot write a data file of %s: %s", table.name(), e.getMessage());
        }
        written.add(writer.toDataFile());
      }
      writers.clear();
    }
  }
}
