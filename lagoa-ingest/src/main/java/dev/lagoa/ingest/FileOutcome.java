package dev.lagoa.ingest;

import dev.lagoa.ingest.discovery.LandingFile;
import dev.lagoa.ingest.quarantine.QuarantinedRecord;
import java.util.List;

/** What reading one landing file produced. */
record FileOutcome(
    LandingFile file,
    boolean vanished,
    long rows,
    long rescued,
    List<QuarantinedRecord> quarantined) {
  FileOutcome {
    quarantined = List.copyOf(quarantined);
  }

  static FileOutcome vanished(LandingFile file) {
    return new FileOutcome(file, true, 0, 0, List.of());
  }
}
