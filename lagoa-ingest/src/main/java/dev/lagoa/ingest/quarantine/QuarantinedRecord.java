package dev.lagoa.ingest.quarantine;

import static java.util.Objects.requireNonNull;

/** A record that could not be loaded: where it was, why, and its raw bytes. */
public record QuarantinedRecord(String file, long line, String reason, byte[] raw) {
  public QuarantinedRecord {
    requireNonNull(file, "file is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(raw, "raw is null");
  }
}
