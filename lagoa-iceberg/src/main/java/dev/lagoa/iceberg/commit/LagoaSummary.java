package dev.lagoa.iceberg.commit;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.files.ScrapeRun;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.iceberg.Snapshot;

/**
 * What Lagoa records in a snapshot summary, typed: the one home of every {@code lagoa.*} key, so
 * the loader, the model builder, the quarantines, maintenance and {@code lagoa history} write and
 * read the same entries the same way (as Iceberg's {@code SnapshotSummary} does for its own keys).
 *
 * <p>Some entries are <em>carried</em>: a commit that does not set them copies them from the
 * snapshot it was planned from (see {@link #carriedFrom}), so the current snapshot alone holds
 * every source's ledger, the model's bookmark and every source offset, whatever maintenance expired
 * or compacted since. To add an entry: a key constant, a typed {@code withX}/{@code x} pair, and a
 * line in {@link #carriedFrom} if it must survive later commits.
 *
 * <p>Values are immutable; {@code withX} returns a copy.
 */
public final class LagoaSummary {
  static final String PREFIX = "lagoa.";

  // One loader commit (not carried): the files it consumed and what they held.
  static final String INGEST_SOURCE = "lagoa.ingest.source";
  static final String INGEST_FILES = "lagoa.ingest.files.";
  static final String INGEST_FILE_COUNT = "lagoa.ingest.file-count";
  static final String INGEST_ROWS = "lagoa.ingest.rows";
  static final String INGEST_RESCUED = "lagoa.ingest.rescued";
  static final String INGEST_QUARANTINED = "lagoa.ingest.quarantined";
  static final String INGEST_OUT_OF_RANGE = "lagoa.ingest.out-of-range";
  // One loader commit (not carried): the scrape runs that landed the files it consumed, by run.
  static final String SCRAPE_RUN = "lagoa.scrape.";
  // Carried: the location of each source's ledger file (a checkpoint of every file it consumed)
  // and the files consumed since that checkpoint, so that a ledger file is written only every
  // so many files instead of on every commit.
  static final String LEDGER = "lagoa.ledger.";
  static final String LEDGER_SINCE = "lagoa.ledger-since.";
  // Every quarantine (QuarantineCommit): files written for the quarantine table by a main commit
  // (the key keeps the name it had when only the loader quarantined), and the link back from it.
  static final String QUARANTINE_FILES = "lagoa.ingest.quarantine-files";
  static final String QUARANTINE_FOR = "lagoa.quarantine.for-snapshot";
  // Carried as a group: the bookmark of the model that writes the table.
  static final String MODEL_NAME = "lagoa.model.name";
  static final String MODEL_FINGERPRINT = "lagoa.model.fingerprint";
  static final String MODEL_UPSTREAM = "lagoa.model.upstream.";
  // One model build (not carried).
  static final String MODEL_RUN_ID = "lagoa.model.run-id";
  static final String MODEL_MODE = "lagoa.model.mode";
  // Carried: how far a source that is not a folder of files (CDC: a log sequence number) was read.
  static final String OFFSET = "lagoa.offset.";
  // A commit that changed no rows (compaction, a ledger-only commit) names the snapshot whose
  // rows it holds, so readers that bookmarked that snapshot see nothing new.
  static final String DATA_VERSION = "lagoa.data-version";
  static final String MAINTENANCE = "lagoa.maintenance";

  private static final LagoaSummary EMPTY = new LagoaSummary(new TreeMap<>());

  private final SortedMap<String, String> entries;

  private LagoaSummary(SortedMap<String, String> entries) {
    this.entries = Collections.unmodifiableSortedMap(entries);
  }

  public static LagoaSummary empty() {
    return EMPTY;
  }

  /** The Lagoa entries of a snapshot's summary; empty for {@code null} (an empty table). */
  public static LagoaSummary of(Snapshot snapshot) {
    return snapshot == null ? EMPTY : of(snapshot.summary());
  }

  /** The Lagoa entries of a summary map; Iceberg's own keys are ignored. */
  public static LagoaSummary of(Map<String, String> summary) {
    SortedMap<String, String> entries = new TreeMap<>();
    summary.forEach(
        (key, value) -> {
          if (key.startsWith(PREFIX)) {
            entries.put(key, value);
          }
        });
    return new LagoaSummary(entries);
  }

  /** The entries to set on a snapshot, in key order. */
  public Map<String, String> toMap() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * This summary plus the carried entries of {@code base} that it does not set itself: each
   * source's ledger and offset, and the model bookmark (as a whole).
   */
  public LagoaSummary carriedFrom(LagoaSummary base) {
    SortedMap<String, String> merged = new TreeMap<>(entries);
    Predicate<String> carriedAlone =
        key -> key.startsWith(LEDGER) || key.startsWith(LEDGER_SINCE) || key.startsWith(OFFSET);
    base.entries.forEach(
        (key, value) -> {
          if (carriedAlone.test(key)) {
            merged.putIfAbsent(key, value);
          }
        });
    if (!entries.containsKey(MODEL_NAME) && base.entries.containsKey(MODEL_NAME)) {
      base.entries.forEach(
          (key, value) -> {
            if (key.equals(MODEL_NAME)
                || key.equals(MODEL_FINGERPRINT)
                || key.startsWith(MODEL_UPSTREAM)) {
              merged.put(key, value);
            }
          });
    }
    return new LagoaSummary(merged);
  }

  // ---- loader commits -------------------------------------------------------------------------

  /**
   * What one loader commit consumed from one source.
   *
   * @param outOfRange how many of the rescued rows held a number beyond long's or double's range
   */
  public record IngestEntry(
      String source,
      List<ConsumedFile> files,
      long rows,
      long rescued,
      long quarantined,
      long outOfRange) {
    public IngestEntry {
      requireNonNull(source, "source is null");
      files = List.copyOf(requireNonNull(files, "files is null"));
    }

    public IngestEntry(
        String source, List<ConsumedFile> files, long rows, long rescued, long quarantined) {
      this(source, files, rows, rescued, quarantined, 0);
    }
  }

  public LagoaSummary withIngest(IngestEntry ingest) {
    SortedMap<String, String> next = copy();
    next.put(INGEST_SOURCE, ingest.source());
    next.put(INGEST_FILES + ingest.source(), ConsumedFiles.encode(ingest.files()));
    next.put(INGEST_FILE_COUNT, Integer.toString(ingest.files().size()));
    next.put(INGEST_ROWS, Long.toString(ingest.rows()));
    next.put(INGEST_RESCUED, Long.toString(ingest.rescued()));
    next.put(INGEST_QUARANTINED, Long.toString(ingest.quarantined()));
    next.put(INGEST_OUT_OF_RANGE, Long.toString(ingest.outOfRange()));
    return new LagoaSummary(next);
  }

  public Optional<IngestEntry> ingest() {
    String source = entries.get(INGEST_SOURCE);
    if (source == null) {
      return Optional.empty();
    }
    return Optional.of(
        new IngestEntry(
            source,
            consumedFiles(source),
            longValue(INGEST_ROWS, 0),
            longValue(INGEST_RESCUED, 0),
            longValue(INGEST_QUARANTINED, 0),
            longValue(INGEST_OUT_OF_RANGE, 0)));
  }

  /**
   * Records the scrape runs that landed the files this commit consumes (the provenance of its rows:
   * pages fetched, failed and blocked), one entry per run.
   */
  public LagoaSummary withScrapeRuns(Collection<ScrapeRun> runs) {
    SortedMap<String, String> next = copy();
    runs.forEach(run -> next.put(SCRAPE_RUN + run.run(), run.encode()));
    return new LagoaSummary(next);
  }

  /** The scrape runs whose files this commit consumed, by run name. */
  public List<ScrapeRun> scrapeRuns() {
    return byPrefix(SCRAPE_RUN).entrySet().stream()
        .map(run -> ScrapeRun.decode(run.getKey(), run.getValue(), SCRAPE_RUN + run.getKey()))
        .toList();
  }

  /** The files this commit consumed from {@code source} (not the cumulative ledger). */
  public List<ConsumedFile> consumedFiles(String source) {
    String encoded = entries.get(INGEST_FILES + source);
    return encoded == null ? List.of() : ConsumedFiles.decode(encoded, INGEST_FILES + source);
  }

  /** The files this commit consumed, from every source. */
  public List<ConsumedFile> consumedFiles() {
    return entries.keySet().stream()
        .filter(key -> key.startsWith(INGEST_FILES))
        .flatMap(key -> consumedFiles(key.substring(INGEST_FILES.length())).stream())
        .toList();
  }

  public LagoaSummary withLedgerFile(String source, String location) {
    return with(LEDGER + requireNonNull(source, "source is null"), location);
  }

  /**
   * The whole ledger of {@code source}: its ledger file (a checkpoint, possibly none yet) and the
   * files consumed since it was written, which this commit carries in its summary.
   */
  public LagoaSummary withLedger(String source, String location, List<ConsumedFile> since) {
    LagoaSummary next =
        with(LEDGER_SINCE + requireNonNull(source, "source is null"), ConsumedFiles.encode(since));
    return location == null ? next : next.withLedgerFile(source, location);
  }

  /** The files {@code source} consumed since its ledger file was written. */
  public List<ConsumedFile> ledgerSince(String source) {
    String encoded = entries.get(LEDGER_SINCE + source);
    return encoded == null ? List.of() : ConsumedFiles.decode(encoded, LEDGER_SINCE + source);
  }

  /** Whether this summary records a ledger of {@code source} (a file, files since, or both). */
  public boolean hasLedger(String source) {
    return entries.containsKey(LEDGER + source) || entries.containsKey(LEDGER_SINCE + source);
  }

  /** The cumulative ledger file of {@code source}, if a commit of it wrote one. */
  public Optional<String> ledgerFile(String source) {
    return Optional.ofNullable(entries.get(LEDGER + source));
  }

  /** Every source's ledger file, by source. */
  public Map<String, String> ledgerFiles() {
    return byPrefix(LEDGER);
  }

  public LagoaSummary withQuarantineFiles(List<String> locations) {
    return locations.isEmpty() ? this : with(QUARANTINE_FILES, String.join("\n", locations));
  }

  /** Files of the quarantine table that this (main table) commit's rejected records went to. */
  public List<String> quarantineFiles() {
    String files = entries.get(QUARANTINE_FILES);
    return files == null || files.isEmpty() ? List.of() : Arrays.asList(files.split("\n"));
  }

  public LagoaSummary withQuarantineFor(long mainSnapshotId) {
    return with(QUARANTINE_FOR, Long.toString(mainSnapshotId));
  }

  /** On a quarantine table commit: the main table's snapshot whose records it holds. */
  public OptionalLong quarantineFor() {
    return entries.containsKey(QUARANTINE_FOR)
        ? OptionalLong.of(longValue(QUARANTINE_FOR, 0))
        : OptionalLong.empty();
  }

  // ---- models ---------------------------------------------------------------------------------

  /**
   * A model's bookmark: the data version of every input it read and a fingerprint of its SQL and
   * settings.
   */
  public record ModelBookmark(String model, Map<String, Long> upstream, String fingerprint) {
    public ModelBookmark {
      requireNonNull(model, "model is null");
      upstream = Collections.unmodifiableSortedMap(new TreeMap<>(upstream));
      requireNonNull(fingerprint, "fingerprint is null");
    }
  }

  public LagoaSummary withModelBookmark(ModelBookmark bookmark) {
    SortedMap<String, String> next = copy();
    next.keySet().removeIf(key -> key.startsWith(MODEL_UPSTREAM));
    next.put(MODEL_NAME, bookmark.model());
    next.put(MODEL_FINGERPRINT, bookmark.fingerprint());
    bookmark
        .upstream()
        .forEach((table, version) -> next.put(MODEL_UPSTREAM + table, Long.toString(version)));
    return new LagoaSummary(next);
  }

  public Optional<ModelBookmark> modelBookmark() {
    String model = entries.get(MODEL_NAME);
    if (model == null) {
      return Optional.empty();
    }
    Map<String, Long> upstream = new TreeMap<>();
    byPrefix(MODEL_UPSTREAM).forEach((table, value) -> upstream.put(table, parse(table, value)));
    return Optional.of(
        new ModelBookmark(model, upstream, entries.getOrDefault(MODEL_FINGERPRINT, "")));
  }

  public LagoaSummary withModelRun(String runId, String mode) {
    return with(MODEL_RUN_ID, runId).with(MODEL_MODE, mode);
  }

  /** The run that built this commit of a model's table, if a model build made it. */
  public Optional<String> modelRunId() {
    return Optional.ofNullable(entries.get(MODEL_RUN_ID));
  }

  // ---- sources read by offset -----------------------------------------------------------------

  /** Records how far {@code source} was read (carried until the next commit of it). */
  public LagoaSummary withSourceOffset(String source, String offset) {
    return with(OFFSET + requireNonNull(source, "source is null"), offset);
  }

  public Optional<String> sourceOffset(String source) {
    return Optional.ofNullable(entries.get(OFFSET + source));
  }

  // ---- data versions and maintenance ----------------------------------------------------------

  public LagoaSummary withDataVersion(long version) {
    return with(DATA_VERSION, Long.toString(version));
  }

  /**
   * The version of the rows a snapshot holds: its own id, or, for a commit that changed no rows,
   * the id of the snapshot whose rows it kept. Bookmarks record this, so compaction and ledger-only
   * commits of an input are not new data to its readers. {@code 0} for an empty table.
   */
  public static long dataVersion(Snapshot snapshot) {
    if (snapshot == null) {
      return 0L;
    }
    String version = snapshot.summary().get(DATA_VERSION);
    return version == null ? snapshot.snapshotId() : parse(DATA_VERSION, version);
  }

  public LagoaSummary withMaintenance(String operation) {
    return with(MAINTENANCE, operation);
  }

  public Optional<String> maintenance() {
    return Optional.ofNullable(entries.get(MAINTENANCE));
  }

  /**
   * Entries for people, {@code key=value}: every entry except file lists and ledger locations,
   * which are bookkeeping.
   */
  public String describe() {
    StringBuilder text = new StringBuilder();
    entries.forEach(
        (key, value) -> {
          if (!key.startsWith(INGEST_FILES)
              && !key.equals(QUARANTINE_FILES)
              && !key.startsWith(LEDGER)
              && !key.startsWith(LEDGER_SINCE)) {
            text.append(text.length() == 0 ? "" : ", ")
                .append(key.substring(PREFIX.length()))
                .append('=')
                .append(value);
          }
        });
    return text.toString();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private LagoaSummary with(String key, String value) {
    SortedMap<String, String> next = copy();
    next.put(key, requireNonNull(value, key + " is null"));
    return new LagoaSummary(next);
  }

  private SortedMap<String, String> copy() {
    return new TreeMap<>(entries);
  }

  private Map<String, String> byPrefix(String prefix) {
    SortedMap<String, String> result = new TreeMap<>();
    entries.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            result.put(key.substring(prefix.length()), value);
          }
        });
    return result;
  }

  private long longValue(String key, long absent) {
    String value = entries.get(key);
    return value == null ? absent : parse(key, value);
  }

  private static long parse(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw LagoaException.internal(
          e, "Cannot read snapshot summary entry %s: '%s' is not a number", key, value);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LagoaSummary summary && summary.entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
