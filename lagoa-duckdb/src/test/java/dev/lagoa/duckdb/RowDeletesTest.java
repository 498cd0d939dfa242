package dev.lagoa.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.duckdb.maintain.Compaction;
import dev.lagoa.iceberg.LakeCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.BaseDVFileWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB reads the live rows of a table with row-level deletes written by Iceberg's own Java
 * writers: Parquet position deletes, equality deletes (which remove only rows of data files older
 * than the delete) and deletion vectors (format v3).
 */
class RowDeletesTest {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "id", Types.LongType.get()),
          Types.NestedField.optional(2, "name", Types.StringType.get()));

  @TempDir Path warehouse;
  private LakeCatalog catalog;
  private DuckEngine engine;
  private Table table;
  private int files;

  @BeforeEach
  void open() {
    catalog =
        LakeCatalog.open(
            new CatalogConfig(
                "lagoa",
                "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                warehouse.toString(),
                Map.of()));
    engine = DuckEngine.open();
    table = catalog.create("bronze.people", SCHEMA, PartitionSpec.unpartitioned());
  }

  @AfterEach
  void close() {
    engine.close();
    catalog.close();
  }

  @Test
  void positionDeletesRemoveTheirRowsAndFilesWithoutDeletesReadWhole() throws IOException {
    DataFile first = dataFile(row(1, "a"), row(2, "b"), row(3, "c"), row(4, "d"), row(5, "e"));
    DataFile second = dataFile(row(10, "x"), row(11, "y"));
    table.newAppend().appendFile(first).appendFile(second).commit();
    PositionDeleteWriter<Record> writer =
        factory().newPositionDeleteWriter(output(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      for (long position : new long[] {1, 3}) {
        writer.write(PositionDelete.<Record>create().set(first.location(), position));
      }
    }
    table.newRowDelta().addDeletes(writer.toDeleteFile()).commit();

    assertThat(rows()).containsExactly("1:a", "3:c", "5:e", "10:x", "11:y");
  }

  @Test
  void equalityDeletesRemoveMatchingRowsOfOlderDataFilesOnlyAndNullMatchesNull()
      throws IOException {
    table.newAppend().appendFile(dataFile(row(1, "a"), row(2, "b"), row(3, null))).commit();
    DeleteFile byId = equalityDeletes(new int[] {1}, row(2, "ignored"));
    DeleteFile byName = equalityDeletes(new int[] {2}, row(99, null));
    table.newRowDelta().addDeletes(byId).addDeletes(byName).commit();
    table.newAppend().appendFile(dataFile(row(2, "again"), row(4, null))).commit();

    assertThat(rows()).containsExactly("1:a", "2:again", "4:-");
  }

  @Test
  void deletionVectorsOfAFormatV3TableRemoveTheirPositionsFileByFile() throws IOException {
    table.updateProperties().set("format-version", "3").commit();
    DataFile first = dataFile(row(1, "a"), row(2, "b"), row(3, "c"), row(4, "d"), row(5, "e"));
    DataFile second = dataFile(row(6, "f"), row(7, "g"));
    table.newAppend().appendFile(first).appendFile(second).commit();
    BaseDVFileWriter writer =
        new BaseDVFileWriter(
            OutputFileFactory.builderFor(table, 1, 1).format(FileFormat.PUFFIN).build(),
            path -> null);
    try (writer) {
      for (long position : new long[] {0, 1, 2, 4}) {
        writer.delete(first.location(), position, table.spec(), null);
      }
      writer.delete(second.location(), 1, table.spec(), null);
    }
    List<DeleteFile> vectors = writer.result().deleteFiles();
    var delta = table.newRowDelta();
    vectors.forEach(delta::addDeletes);
    delta.commit();

    assertThat(vectors)
        .hasSize(2)
        .allSatisfy(vector -> assertThat(vector.format()).isEqualTo(FileFormat.PUFFIN))
        .extracting(DeleteFile::location)
        .as("both vectors in one Puffin file")
        .containsOnly(vectors.get(0).location());
    assertThat(rows()).containsExactly("4:d", "6:f");
  }

  @Test
  void compactionLeavesAFileWithDeletesAsItIsAndItsDeletedRowsStayDeleted() throws IOException {
    DataFile withDeletes = dataFile(row(1, "a"), row(2, "b"));
    table
        .newAppend()
        .appendFile(withDeletes)
        .appendFile(dataFile(row(3, "c")))
        .appendFile(dataFile(row(4, "d")))
        .commit();
    PositionDeleteWriter<Record> writer =
        factory().newPositionDeleteWriter(output(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      writer.write(PositionDelete.<Record>create().set(withDeletes.location(), 0L));
    }
    table.newRowDelta().addDeletes(writer.toDeleteFile()).commit();

    Compaction.Result result =
        new Compaction(new TableWriter(engine, Clock.systemUTC())).compact(table, 1L << 30);

    assertThat(result.filesRemoved()).isEqualTo(2);
    assertThat(rows()).containsExactly("2:b", "3:c", "4:d");
  }

  private List<String> rows() {
    table.refresh();
    return engine.queryStrings(
        "SELECT id || ':' || coalesce(name, '-') FROM ("
            + TableViews.relation(table, table.currentSnapshot(), Expressions.alwaysTrue())
            + ") ORDER BY id");
  }

  private static Record row(long id, String name) {
    return GenericRecord.create(SCHEMA).copy("id", id, "name", name);
  }

  private GenericFileWriterFactory factory() {
    return new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET)
        .deleteFileFormat(FileFormat.PARQUET)
        .build();
  }

  private EncryptedOutputFile output() {
    return EncryptedFiles.plainAsEncryptedOutput(
        table
            .io()
            .newOutputFile(table.locationProvider().newDataLocation("f" + files++ + ".parquet")));
  }

  private DataFile dataFile(Record... rows) {
    DataWriter<Record> writer =
        factory().newDataWriter(output(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      for (Record row : rows) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toDataFile();
  }

  private DeleteFile equalityDeletes(int[] fieldIds, Record... rows) throws IOException {
    EqualityDeleteWriter<Record> writer =
        new GenericFileWriterFactory.Builder(table)
            .deleteFileFormat(FileFormat.PARQUET)
            .equalityFieldIds(fieldIds)
            .equalityDeleteRowSchema(SCHEMA)
            .build()
            .newEqualityDeleteWriter(output(), PartitionSpec.unpartitioned(), null);
    try (writer) {
      for (Record row : rows) {
        writer.write(row);
      }
    }
    return writer.toDeleteFile();
  }
}
