package dev.lagoa.ingest.quarantine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.DataFileScanner;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.TableCommits;
import dev.lagoa.iceberg.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * The table beside each loaded table ({@code <table>_quarantine}) that keeps every record the
 * loader could not load, with its file, line, reason and raw bytes.
 *
 * <p>Two tables cannot be committed atomically, so quarantine files are written before the main
 * commit, which lists them in its summary; the quarantine commit follows and names the main
 * snapshot it belongs to. A crash between the two is repaired by {@link #recover} on the next run.
 */
public final class QuarantineTable {
  public static final String FILES_KEY = "lagoa.ingest.quarantine-files";
  public static final String FOR_SNAPSHOT_KEY = "lagoa.quarantine.for-snapshot";
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
      throw new UncheckedIOException(e);
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

  /** Commits quarantine files that a main commit lists but no quarantine commit claims yet. */
  public static int recover(LakeCatalog catalog, String table, Table main) {
    Snapshot current = main.currentSnapshot();
    if (current == null) {
      return 0;
    }
    Table quarantine = null;
    Set<String> claimed = null;
    int recovered = 0;
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), main::snapshot)) {
      String files = snapshot.summary().get(FILES_KEY);
      if (files == null || files.isEmpty()) {
        continue;
      }
      if (quarantine == null) {
        quarantine = createOrLoad(catalog, table);
        claimed = claimedSnapshots(quarantine);
      }
      if (!claimed.contains(Long.toString(snapshot.snapshotId()))) {
        commit(quarantine, Arrays.asList(files.split("\n")), snapshot.snapshotId());
        recovered++;
      }
    }
    return recovered;
  }

  public static void commit(Table quarantine, List<String> files, long mainSnapshotId) {
    List<DataFile> dataFiles = DataFileScanner.describe(quarantine, files);
    TableCommits.commit(
        quarantine,
        dataFiles,
        WriteMode.APPEND,
        Map.of(FOR_SNAPSHOT_KEY, Long.toString(mainSnapshotId)));
  }

  private static Set<String> claimedSnapshots(Table quarantine) {
    Set<String> claimed = new HashSet<>();
    Snapshot current = quarantine.currentSnapshot();
    if (current != null) {
      for (Snapshot snapshot :
          SnapshotUtil.ancestorsOf(current.snapshotId(), quarantine::snapshot)) {
        String id = snapshot.summary().get(FOR_SNAPSHOT_KEY);
        if (id != null) {
          claimed.add(id);
        }
      }
    }
    return claimed;
  }
}
