package dev.lagoa.runtime.trigger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A file seen for the first time (or changed) in a landing directory.
 *
 * @param landedAt the file's modification time: when it landed
 * @param seenAt when the poller saw it
 */
public record Arrival(String trigger, String file, Instant landedAt, Instant seenAt) {
  public Arrival {
    requireNonNull(trigger, "trigger is null");
    requireNonNull(file, "file is null");
    requireNonNull(landedAt, "landedAt is null");
    requireNonNull(seenAt, "seenAt is null");
  }
}
