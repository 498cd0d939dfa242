package dev.lagoa.cdc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.iceberg.Snapshot;

/**
 * The snapshot-summary keys a CDC commit writes: the source position it covers, recorded in the
 * same Iceberg commit as the changes. All of them live here, so they can move to the table layer's
 * typed summary in one step.
 *
 * @param source the name of the source in {@code lagoa.yaml}
 * @param batch the micro-batch number, increasing by one per commit round of the source; every
 *     table of a source committed in one round carries the same number
 * @param offset Debezium's source offset of the last change the commit covers (JSON), what a
 *     restart resumes from
 * @param lsn the WAL position in {@code offset}, as PostgreSQL prints it ({@code 0/16B3748})
 * @param sourceMillis the source commit time of the last change covered (epoch ms), or 0
 * @param changes the changes this commit applied to the table
 */
public record CdcSummary(
    String source, long batch, String offset, long lsn, long sourceMillis, long changes) {
  public static final String SOURCE = "lagoa.cdc.source";
  public static final String BATCH = "lagoa.cdc.batch";
  public static final String OFFSET = "lagoa.cdc.offset";
  public static final String LSN = "lagoa.cdc.lsn";
  public static final String SOURCE_MILLIS = "lagoa.cdc.source-ts-ms";
  public static final String CHANGES = "lagoa.cdc.changes";

  /** A summary whose offset is empty: the next run snapshots the source again. */
  public static final String RESNAPSHOT = "";

  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(SOURCE, source);
    map.put(BATCH, Long.toString(batch));
    map.put(OFFSET, offset);
    map.put(LSN, Lsn.format(lsn));
    map.put(SOURCE_MILLIS, Long.toString(sourceMillis));
    map.put(CHANGES, Long.toString(changes));
    return map;
  }

  /** The CDC summary of a snapshot, if a CDC commit wrote it. */
  public static Optional<CdcSummary> of(Snapshot snapshot) {
    if (snapshot == null || !snapshot.summary().containsKey(OFFSET)) {
      return Optional.empty();
    }
    Map<String, String> summary = snapshot.summary();
    return Optional.of(
        new CdcSummary(
            summary.getOrDefault(SOURCE, ""),
            parse(summary.get(BATCH)).orElse(0),
            summary.get(OFFSET),
            Lsn.parse(summary.getOrDefault(LSN, "0/0")),
            parse(summary.get(SOURCE_MILLIS)).orElse(0),
            parse(summary.get(CHANGES)).orElse(0)));
  }

  /** Whether this commit asks the next run to snapshot the source again. */
  public boolean resnapshot() {
    return offset.isEmpty();
  }

  private static OptionalLong parse(String value) {
    try {
      return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
