package dev.lagoa.ingest.ledger;

import dev.lagoa.core.LagoaException;
import dev.lagoa.ingest.discovery.LandingFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Which landing files a table has consumed. The ledger is the table's own history: every loader
 * commit lists the files it consumed in its snapshot summary, so the files and their rows become
 * visible in one atomic step and no side checkpoint can disagree with the table.
 *
 * <p>The list is stored gzip-compressed and base64-encoded ({@code name TAB size TAB mtime} lines),
 * keyed per source so several sources may feed one table.
 */
public final class IngestLedger {
  public static final String FILES_PREFIX = "lagoa.ingest.files.";

  private IngestLedger() {}

  public static String summaryKey(String source) {
    return FILES_PREFIX + source;
  }

  /** Every file recorded for {@code source} in the ancestry of the table's current snapshot. */
  public static Map<String, ConsumedFile> read(Table table, String source) {
    Map<String, ConsumedFile> consumed = new HashMap<>();
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      return consumed;
    }
    String key = summaryKey(source);
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
      String encoded = snapshot.summary().get(key);
      if (encoded != null) {
        for (ConsumedFile file : decode(encoded, snapshot.snapshotId())) {
          consumed.putIfAbsent(file.name(), file);
        }
      }
    }
    return consumed;
  }

  public static String encode(List<LandingFile> files) {
    StringBuilder lines = new StringBuilder();
    for (LandingFile file : files) {
      lines
          .append(file.name())
          .append('\t')
          .append(file.size())
          .append('\t')
          .append(file.modifiedMillis())
          .append('\n');
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** The files one snapshot's summary says it consumed, from any source. */
  public static List<ConsumedFile> consumedBy(Snapshot snapshot) {
    List<ConsumedFile> files = new java.util.ArrayList<>();
    snapshot
        .summary()
        .forEach(
            (key, value) -> {
              if (key.startsWith(FILES_PREFIX)) {
                files.addAll(decode(value, snapshot.snapshotId()));
              }
            });
    return files;
  }

  static List<ConsumedFile> decode(String encoded, long snapshotId) {
    try (GZIPInputStream gzip =
        new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
      String text = new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines()
          .map(line -> line.split("\t"))
          .map(
              parts ->
                  new ConsumedFile(
                      parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), snapshotId))
          .toList();
    } catch (IOException | RuntimeException e) {
      throw LagoaException.internal(
          e, "Cannot read the ingest ledger of snapshot %d: %s", snapshotId, e.getMessage());
    }
  }
}
