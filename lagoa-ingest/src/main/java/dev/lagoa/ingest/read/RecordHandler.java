package dev.lagoa.ingest.read;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the records of one file, in order, from a {@link RecordReader}. */
public interface RecordHandler {
  /**
   * A well-formed record.
   *
   * @param line the 1-based line where the record starts
   * @param original the record's original JSON bytes, when the format has them (NDJSON), else null
   */
  void record(long line, ObjectNode record, byte[] original);

  /** A record that cannot be read; it goes to quarantine with the reason and its raw bytes. */
  void malformed(long line, String reason, byte[] raw);
}
