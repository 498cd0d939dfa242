package dev.lagoa.cdc.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.cdc.CdcSummary;
import dev.lagoa.cdc.CommitObserver;
import dev.lagoa.cdc.capture.CapturedChange;
import dev.lagoa.cdc.capture.ChangeSink;
import dev.lagoa.cdc.postgres.SourceTable;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.iceberg.LakeCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Commits what a source captured to its lake tables. Each micro-batch becomes one commit on every
 * mirrored table (a summary-only one for a table the batch did not touch) and then one on the
 * change log, all recording the same batch number and source offset: after a crash the source
 * resumes from the lowest batch any table holds, and replaying changes a table already holds is
 * harmless because a mirror applies the latest image per key.
 */
public final class CdcCommitter implements ChangeSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PostgresCdcSourceConfig source;
  private final Map<String, MirrorTable> mirrors = new LinkedHashMap<>();
  private final ChangeLogTable changeLog;
  private final CommitObserver observer;
  private final Map<String, MirrorTable.SnapshotLoad> snapshot = new LinkedHashMap<>();
  private long batch;
  private long changesCommitted;
  private long snapshotRows;
  private long lastCommitMillis;
  private long lastSourceMillis;
  private long committedLsn;

  public CdcCommitter(
      LakeCatalog catalog,
      PostgresCdcSourceConfig source,
      List<SourceTable> tables,
      CommitObserver observer) {
    this.source = source;
    this.observer = observer;
    for (SourceTable table : tables) {
      mirrors.put(
          table.qualifiedName(),
          new MirrorTable(
              catalog, source.namespace() + "." + table.name(), table, source.buckets()));
    }
    this.changeLog = source.changeLog().map(name -> new ChangeLogTable(catalog, name)).orElse(null);
    this.batch = summaries().stream().mapToLong(CdcSummary::batch).max().orElse(0);
  }

  /** The last commit of every lake table of the source that has one. */
  public List<CdcSummary> summaries() {
    List<CdcSummary> result = new ArrayList<>();
    for (MirrorTable mirror : mirrors.values()) {
      mirror.committed().ifPresent(result::add);
    }
    if (changeLog != null) {
      changeLog.committed().ifPresent(result::add);
    }
    return result;
  }

  /**
   * Where the source resumes: the offset of the table furthest behind; empty when the source must
   * be snapshotted (nothing committed yet, or a re-snapshot was asked for).
   */
  public Optional<CdcSummary> resumePoint() {
    List<CdcSummary> summaries = summaries();
    if (summaries.isEmpty() || summaries.stream().anyMatch(CdcSummary::resnapshot)) {
      return Optional.empty();
    }
    return summaries.stream().min(Comparator.comparingLong(CdcSummary::batch));
  }

  /** The lake table names of the mirrored tables, in source order. */
  public List<String> lakeTables() {
    return mirrors.values().stream().map(MirrorTable::lakeName).toList();
  }

  @Override
  public void snapshotRow(CapturedChange row) {
    MirrorTable mirror = mirror(row.table());
    snapshot.computeIfAbsent(row.table(), t -> mirror.beginSnapshot()).add(row);
    snapshotRows++;
  }

  @Override
  public void finishSnapshot(CapturedChange last) {
    Map<String, String> summary = summary(++batch, last.offset(), last, 0);
    for (Map.Entry<String, MirrorTable> entry : mirrors.entrySet()) {
      MirrorTable.SnapshotLoad load = snapshot.get(entry.getKey());
      (load == null ? entry.getValue().beginSnapshot() : load).commit(summary);
    }
    if (changeLog != null) {
      changeLog.append(List.of(), batch, summary);
    }
    snapshot.clear();
    recordCommit(last);
  }

  @Override
  public void commit(List<CapturedChange> changes, Map<String, ?> offset) {
    CapturedChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
    long dataChanges =
        changes.stream().filter(c -> c.kind() != CapturedChange.Kind.MESSAGE).count();
    long number = ++batch;
    Map<String, List<CapturedChange>> byTable = new LinkedHashMap<>();
    for (CapturedChange change : changes) {
      if (change.kind() != CapturedChange.Kind.MESSAGE) {
        mirror(change.table());
        byTable.computeIfAbsent(change.table(), t -> new ArrayList<>()).add(change);
      }
    }
    for (Map.Entry<String, MirrorTable> entry : mirrors.entrySet()) {
      List<CapturedChange> tableChanges = byTable.getOrDefault(entry.getKey(), List.of());
      entry.getValue().apply(tableChanges, summary(number, offset, last, tableChanges.size()));
    }
    if (changeLog != null) {
      changeLog.append(changes, number, summary(number, offset, last, dataChanges));
    }
    changesCommitted += dataChanges;
    recordCommit(last);
    observer.committed(
        lastCommitMillis,
        changes.stream()
            .filter(c -> c.kind() != CapturedChange.Kind.MESSAGE)
            .mapToLong(CapturedChange::sourceMillis)
            .toArray());
  }

  private void recordCommit(CapturedChange last) {
    lastCommitMillis = System.currentTimeMillis();
    if (last != null) {
      lastSourceMillis = Math.max(lastSourceMillis, last.sourceMillis());
      committedLsn = Math.max(committedLsn, last.lsn());
    }
  }

  private MirrorTable mirror(String table) {
    MirrorTable mirror = mirrors.get(table);
    if (mirror == null) {
      throw LagoaException.internal(
          null,
          "Cannot apply a change of %s: source %s does not capture it (tables %s)",
          table,
          source.name(),
          mirrors.keySet());
    }
    return mirror;
  }

  private Map<String, String> summary(
      long number, Map<String, ?> offset, CapturedChange last, long changes) {
    long lsn = last == null ? lsnOf(offset) : Math.max(last.lsn(), lsnOf(offset));
    return new CdcSummary(
            source.name(),
            number,
            json(offset),
            lsn,
            last == null ? 0 : last.sourceMillis(),
            changes)
        .toMap();
  }

  private static long lsnOf(Map<String, ?> offset) {
    return offset.get("lsn") instanceof Number n ? n.longValue() : 0;
  }

  private static String json(Map<String, ?> offset) {
    try {
      return JSON.writeValueAsString(offset);
    } catch (JsonProcessingException e) {
      throw LagoaException.internal(e, "Cannot write offset %s as JSON", offset);
    }
  }

  public long changesCommitted() {
    return changesCommitted;
  }

  public long snapshotRows() {
    return snapshotRows;
  }

  public long lastCommitMillis() {
    return lastCommitMillis;
  }

  public long lastSourceMillis() {
    return lastSourceMillis;
  }

  public long committedLsn() {
    return committedLsn;
  }
}
