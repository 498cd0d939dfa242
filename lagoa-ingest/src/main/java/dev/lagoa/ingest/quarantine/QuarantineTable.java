package dev.lagoa.ingest.quarantine;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lagoa.core.LagoaException;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.DataFileScanner;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.TableCommit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

  /** Commits quarantine files that a main commit lists but no quarantine commit claims yet. */
  public static int recover(LakeCatalog catalog, String table, Table main) {
    Snapshot current = main.currentSnapshot();
    if (current == null) {
      return 0;
    }
    Table quarantine = null;
    int recovered = 0;
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), main::snapshot)) {
      List<String> files = LagoaSummary.of(snapshot).quarantineFiles();
      if (files.isEmpty()) {
        continue;
      }
      if (quarantine == null) {
        quarantine = createOrLoad(catalog, table);
      }
      if (!claimed(quarantine, quarantine.currentSnapshot(), snapshot.snapshotId())
          && commit(quarantine, files, snapshot.snapshotId())) {
        recovered++;
      }
    }
    return recovered;
  }

  /**
   * Commits the quarantine files of main snapshot {@code mainSnapshotId} unless a quarantine commit
   * already claims it (another run recovered it first).
   *
   * @return whether this call committed them
   */
  public static boolean commit(Table quarantine, List<String> files, long mainSnapshotId) {
    List<DataFile> dataFiles = DataFileScanner.describe(quarantine, files);
    boolean[] committed = {false};
    TableCommit.commit(
        quarantine,
        "quarantine the rejected records of snapshot " + mainSnapshotId,
        base -> {
          committed[0] = !claimed(quarantine, base, mainSnapshotId);
          return committed[0]
              ? CommitPlan.append(dataFiles, LagoaSummary.empty().withQuarantineFor(mainSnapshotId))
              : CommitPlan.nothing();
        });
    return committed[0];
  }

  private static boolean claimed(Table quarantine, Snapshot base, long mainSnapshotId) {
    if (base == null) {
      return false;
    }
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(base.snapshotId(), quarantine::snapshot)) {
      if (LagoaSummary.of(snapshot).quarantineFor().orElse(-1) == mainSnapshotId) {
        return true;
      }
    }
    return false;
  }
}
