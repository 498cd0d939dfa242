package dev.lagoa.ingest.quarantine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.QuarantineCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;

/**
 * The table beside each loaded table ({@code <table>_quarantine}) that keeps every record the
 * loader could not load, with its file, line, reason and raw bytes.
 *
 * <p>Its files are written before the main commit, which lists them, and committed after it, as
 * {@link QuarantineCommit} describes for every quarantine; a crash between the two commits is
 * repaired by {@link #recover} on the next run.
 */
public final class QuarantineTable {
  public static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "_source_file", Types.StringType.get()),
          Types.NestedField.optional(2, "_line", Types.LongType.get()),
          Types.NestedField.optional(3, "reason", Types.StringType.get()),
          Types.NestedField.optional(4, "raw", Types.BinaryType.get()),
          Types.NestedField.optional(5, "_ingested_at", Types.TimestampType.withZone()));

  private QuarantineTable() {}

  public static String nameFor(String table) {
    return table + "_quarantine";
  }

  public static Table createOrLoad(LakeCatalog catalog, String table) {
    return catalog
        .find(nameFor(table))
        .orElseGet(() -> catalog.create(nameFor(table), SCHEMA, PartitionSpec.unpartitioned()));
  }

  /** Writes quarantined records as (uncommitted) data files of the quarantine table. */
  public static List<DataFile> write(
      TableWriter writer,
      Table quarantine,
      List<QuarantinedRecord> records,
      Instant ingestedAt,
      Path staging) {
    Path file = staging.resolve("quarantine.ndjson");
    try (JsonGenerator json =
        new JsonFactory().createGenerator(Files.newOutputStream(file), JsonEncoding.UTF8)) {
      for (QuarantinedRecord record : records) {
        json.writeStartObject();
        json.writeStringField("file", record.file());
        json.writeNumberField("line", record.line());
        json.writeStringField("reason", record.reason());
        json.writeFieldName("raw");
        json.writeBinary(record.raw());
        json.writeEndObject();
        json.writeRaw('\n');
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot write quarantined records to %s: %s", file, e.getMessage());
    }
    String query =
        "SELECT file AS _source_file, line AS _line, reason, from_base64(raw) AS raw, "
            + "TIMESTAMPTZ "
            + DuckTypes.literal(ingestedAt.toString())
            + " AS _ingested_at FROM read_json("
            + DuckTypes.literal(file.toString())
            + ", format = 'newline_delimited', maximum_object_size = 2147483647,"
            + " columns = {file: 'VARCHAR', line: 'BIGINT', reason: 'VARCHAR', raw: 'VARCHAR'})";
    return writer.writeFiles(quarantine, query);
  }

  /**
   * Commits quarantine files that a main commit lists but no quarantine commit claims yet (see
   * {@link QuarantineCommit#recover}).
   */
  public static int recover(LakeCatalog catalog, String table, Table main) {
    return QuarantineCommit.recover(main, () -> createOrLoad(catalog, table));
  }

  /**
   * Commits the quarantine files of main snapshot {@code mainSnapshotId} (see {@link
   * QuarantineCommit#commit}).
   *
   * @return whether this call committed them
   */
  public static boolean commit(Table quarantine, List<String> files, long mainSnapshotId) {
    return QuarantineCommit.commit(quarantine, files, mainSnapshotId);
  }
}
