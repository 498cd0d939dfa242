package dev.lagoa.ingest.ledger;

import static java.util.Objects.requireNonNull;

/** A landing file a commit consumed, with the size and modification time it had then. */
public record ConsumedFile(String name, long size, long modifiedMillis, long snapshotId) {
  public ConsumedFile {
    requireNonNull(name, "name is null");
  }
}
