package dev.lagoa.ingest.read;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the records of one file, in order, from a {@link RecordReader}. */
public interface RecordHandler {
  /**
   * Offers a record's raw bytes, known to be valid UTF-8, before any parsing; returns true when the
   * handler took it as it is, and false to have it parsed and passed to {@link #record}. The buffer
   * is reused after the call.
   */
  default boolean offer(long line, byte[] buffer, int length) {
    return false;
  }

  /**
   * A well-formed record.
   *
   * @param line the 1-based line where the record starts
   * @param displaced values displaced by a later key filling the same column (see {@link
   *     JsonRecords}), by dotted path, to be rescued; null when there were none
   * @param original the record's original JSON bytes, when the format has them (NDJSON), else null
   */
  void record(long line, ObjectNode record, ObjectNode displaced, byte[] original);

  /**
   * The title lines above a CSV file's header ({@code csv.skip_lines}), joined by line breaks,
   * before its first record; page fields read them.
   */
  default void titleLines(String text) {}

  /** A record that cannot be read; it goes to quarantine with the reason and its raw bytes. */
  void malformed(long line, String reason, byte[] raw);

  /**
   * Whether {@link #defer} runs its work later, on another thread: the reader must then hand it
   * bytes it no longer touches (a copy of a reused buffer). False for a read on one thread.
   */
  default boolean defers() {
    return false;
  }

  /**
   * Runs one record's checks ({@code bytes} long): at once on this handler, or, in a parallel read
   * ({@link ParallelRead}), on a worker thread with its own handler, in the order records were
   * found.
   */
  default void defer(int bytes, RecordWork work) {
    work.run(this);
  }
}
