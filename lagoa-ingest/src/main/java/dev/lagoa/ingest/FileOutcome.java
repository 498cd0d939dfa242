package dev.lagoa.ingest;

import dev.lagoa.ingest.discovery.LandingFile;
import dev.lagoa.ingest.quarantine.QuarantinedRecord;
import java.util.List;
import java.util.Map;

/**
 * What reading one landing file produced.
 *
 * @param outOfRange how many of the rescued rows had a number beyond long's or double's range
 * @param rescuedFields how many rows had a value of each field (dotted path) rescued
 */
record FileOutcome(
    LandingFile file,
    boolean vanished,
    long rows,
    long rescued,
    long outOfRange,
    Map<String, Long> rescuedFields,
    List<QuarantinedRecord> quarantined) {
  FileOutcome {
    rescuedFields = Map.copyOf(rescuedFields);
    quarantined = List.copyOf(quarantined);
  }

  static FileOutcome vanished(LandingFile file) {
    return new FileOutcome(file, true, 0, 0, 0, Map.of(), List.of());
  }
}
