package dev.lagoa.cdc.capture;

import dev.lagoa.core.config.CdcBatchOptions;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Turns Debezium's record batches into micro-batch commits: snapshot rows until the snapshot's last
 * row, then changes committed every {@code intervalMillis} or {@code maxChanges}, whichever comes
 * first, and at once when a catch-up marker message arrives. The source is told a record is
 * processed only after the sink committed it, so the replication slot never moves past the lake.
 */
public final class BatchingConsumer
    implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
  /** The prefix of the logical decoding messages a bounded catch-up waits for. */
  public static final String CATCH_UP_PREFIX = "lagoa.catch-up";

  private final ChangeSink sink;
  private final CdcBatchOptions options;
  private final LongSupplier clock;
  private final List<CapturedChange> pending = new ArrayList<>();
  private final Set<String> markersCommitted = ConcurrentHashMap.newKeySet();
  private DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer;
  private RecordChangeEvent<SourceRecord> lastRecord;
  private long pendingSince;
  private volatile boolean snapshotting;
  private volatile long recordsSeen;

  public BatchingConsumer(ChangeSink sink, CdcBatchOptions options, LongSupplier clock) {
    this.sink = sink;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public synchronized void handleBatch(
      List<RecordChangeEvent<SourceRecord>> records,
      DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
      throws InterruptedException {
    this.committer = committer;
    List<String> markers = new ArrayList<>();
    for (RecordChangeEvent<SourceRecord> record : records) {
      recordsSeen++;
      lastRecord = record;
      CapturedChange change = CapturedChange.of(record.record());
      if (change == null) {
        continue;
      }
      if (change.kind() == CapturedChange.Kind.SNAPSHOT_READ) {
        snapshotting = true;
        sink.snapshotRow(change);
        if (change.endsSnapshot()) {
          sink.finishSnapshot(change);
          snapshotting = false;
          committer.markProcessed(record);
          committer.markBatchFinished();
        }
        continue;
      }
      if (pending.isEmpty()) {
        pendingSince = clock.getAsLong();
      }
      pending.add(change);
      if (change.kind() == CapturedChange.Kind.MESSAGE
          && CATCH_UP_PREFIX.equals(change.messagePrefix())) {
        markers.add(change.messageContent());
        flush();
      } else if (pending.size() >= options.maxChanges()) {
        flush();
      }
    }
    if (!pending.isEmpty() && clock.getAsLong() - pendingSince >= options.intervalMillis()) {
      flush();
    }
    markersCommitted.addAll(markers);
  }

  /** Commits the waiting changes if the oldest has waited {@code intervalMillis}; for a timer. */
  public synchronized void flushIfDue() throws InterruptedException {
    if (!pending.isEmpty() && clock.getAsLong() - pendingSince >= options.intervalMillis()) {
      flush();
    }
  }

  private void flush() throws InterruptedException {
    if (pending.isEmpty() || lastRecord == null) {
      return;
    }
    Map<String, ?> offset = lastRecord.record().sourceOffset();
    sink.commit(List.copyOf(pending), offset);
    pending.clear();
    committer.markProcessed(lastRecord);
    committer.markBatchFinished();
  }

  /** Whether the catch-up marker with this content was committed. */
  public boolean committedMarker(String content) {
    return markersCommitted.contains(content);
  }

  public boolean snapshotting() {
    return snapshotting;
  }

  public long recordsSeen() {
    return recordsSeen;
  }
}
