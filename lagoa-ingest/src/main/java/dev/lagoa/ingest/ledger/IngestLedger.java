package dev.lagoa.ingest.ledger;

import dev.lagoa.core.trace.Phase;
import dev.lagoa.iceberg.commit.CommitConflictException;
import dev.lagoa.iceberg.commit.CommitPlan;
import dev.lagoa.iceberg.commit.ConsumedFile;
import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.commit.LedgerFiles;
import dev.lagoa.iceberg.commit.TableCommit;
import dev.lagoa.ingest.discovery.LandingFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Which landing files a source has consumed into a table. The ledger is part of the table: every
 * loader commit records in its snapshot summary the files consumed since the source's last ledger
 * file (a checkpoint of the whole ledger, written beside the table's metadata once that list passes
 * {@value #CHECKPOINT_FILES} files) and where that file is ({@link LagoaSummary}); every later
 * commit carries both forward. So the rows and the files they came from become visible in one
 * atomic step, the ledger survives snapshot expiry and compaction, and a run reads one file
 * whatever the length of the table's history.
 *
 * <p>One instance follows one load: it reads the ledger once and keeps it as its own batches
 * commit, reading it again only when another writer committed in between.
 */
public final class IngestLedger {
  /**
   * How many files a summary carries before they go into a new ledger file: small enough to keep
   * each snapshot's summary (and so the table's metadata file) small, large enough that a ledger
   * file is written only every so many commits.
   */
  static final int CHECKPOINT_FILES = 64;

  private final String source;
  private Snapshot at;
  private Map<String, ConsumedFile> consumed;

  /** The ledger the last planned commit wrote; it becomes {@link #consumed} once committed. */
  private Map<String, ConsumedFile> pending;

  private IngestLedger(String source, Snapshot at, Map<String, ConsumedFile> consumed) {
    this.source = source;
    this.at = at;
    this.consumed = consumed;
  }

  /** The ledger of {@code source} as of the current snapshot of {@code table} (null: none yet). */
  public static IngestLedger open(Table table, String source) {
    Snapshot current = table == null ? null : table.currentSnapshot();
    return new IngestLedger(source, current, read(table, current, source));
  }

  /** The consumed files, by name. */
  public Map<String, ConsumedFile> consumed() {
    return Collections.unmodifiableMap(consumed);
  }

  /** The snapshot this ledger was read at; the next commit is planned from it. */
  public Snapshot snapshot() {
    return at;
  }

  public static ConsumedFile consumedFile(LandingFile file) {
    return new ConsumedFile(file.name(), file.size(), file.modifiedMillis());
  }

  /**
   * Commits a batch's data files together with the files they came from and the new ledger. When
   * another writer committed since this ledger was read, the commit is planned again on top of it
   * unless that writer consumed one of the batch's files: then it is refused, since the rows would
   * be loaded twice.
   *
   * @param entries the batch's summary entries ({@link LagoaSummary#withIngest})
   */
  public Snapshot commit(
      Table table, List<ConsumedFile> batch, List<DataFile> dataFiles, LagoaSummary entries) {
    Phase.COMMIT.enter(source);
    Snapshot committed =
        TableCommit.commit(
            table,
            "commit the files of source " + source + " to " + TableCommit.nameOf(table),
            base -> {
              Map<String, ConsumedFile> ledger =
                  sameSnapshot(base, at) ? consumed : read(table, base, source);
              for (ConsumedFile file : batch) {
                if (ledger.containsKey(file.name())) {
                  throw new CommitConflictException(
                      TableCommit.nameOf(table),
                      String.format(
                          "Cannot commit the files of source %s to %s: another run loaded %s into"
                              + " the table while this one was loading it. Nothing of this batch"
                              + " was committed; run again to load what is left",
                          source, TableCommit.nameOf(table), file.name()),
                      null);
                }
              }
              Map<String, ConsumedFile> next = new HashMap<>(ledger);
              batch.forEach(file -> next.put(file.name(), file));
              pending = next;
              List<ConsumedFile> since = new ArrayList<>(LagoaSummary.of(base).ledgerSince(source));
              since.addAll(batch);
              LagoaSummary summary;
              // A table loaded before ledgers were carried has its history only in old commits:
              // checkpoint it now, before maintenance may expire them.
              boolean legacy = !LagoaSummary.of(base).hasLedger(source) && !ledger.isEmpty();
              if (since.size() > CHECKPOINT_FILES || legacy) {
                String location = LedgerFiles.write(table, source, next.values());
                summary = entries.withLedger(source, location, List.of());
              } else {
                summary =
                    entries.withLedger(
                        source, LagoaSummary.of(base).ledgerFile(source).orElse(null), since);
              }
              return CommitPlan.replaceFiles(List.of(), dataFiles, summary);
            });
    at = committed;
    consumed = pending;
    return committed;
  }

  private static boolean sameSnapshot(Snapshot left, Snapshot right) {
    return left == null ? right == null : right != null && left.snapshotId() == right.snapshotId();
  }

  /** Every file recorded for {@code source} as of {@code snapshot}. */
  static Map<String, ConsumedFile> read(Table table, Snapshot snapshot, String source) {
    Map<String, ConsumedFile> consumed = new HashMap<>();
    if (snapshot == null) {
      return consumed;
    }
    LagoaSummary summary = LagoaSummary.of(snapshot);
    if (summary.hasLedger(source)) {
      summary
          .ledgerFile(source)
          .ifPresent(
              location ->
                  LedgerFiles.read(table, location)
                      .forEach(file -> consumed.put(file.name(), file)));
      summary.ledgerSince(source).forEach(file -> consumed.put(file.name(), file));
      return consumed;
    }
    // Tables loaded before ledger files existed: each commit lists only its own files.
    for (Snapshot ancestor : SnapshotUtil.ancestorsOf(snapshot.snapshotId(), table::snapshot)) {
      for (ConsumedFile file : LagoaSummary.of(ancestor).consumedFiles(source)) {
        consumed.putIfAbsent(file.name(), file);
      }
    }
    return consumed;
  }
}
