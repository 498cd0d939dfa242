package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@code lagoa maintain} treats a table ({@code maintenance:} in {@code lagoa.yaml}).
 *
 * @param targetFileSizeBytes compaction rewrites the data files of a partition smaller than this
 *     into files of about this size
 * @param expireOlderThan snapshots older than this are expired ...
 * @param keepLast ... except the last {@code keepLast} of the table's history, whatever their age
 * @param orphanGrace files no snapshot references are deleted only once they are older than this,
 *     so a writer that is about to commit a file never loses it
 */
public record MaintenanceOptions(
    long targetFileSizeBytes, Duration expireOlderThan, int keepLast, Duration orphanGrace) {
  public static final MaintenanceOptions DEFAULT =
      new MaintenanceOptions(128L << 20, Duration.ofDays(7), 1, Duration.ofDays(3));

  public MaintenanceOptions {
    if (targetFileSizeBytes < 1) {
      throw new IllegalArgumentException(
          "targetFileSizeBytes was " + targetFileSizeBytes + " but it must be positive");
    }
    requireNonNull(expireOlderThan, "expireOlderThan is null");
    requireNonNull(orphanGrace, "orphanGrace is null");
    if (expireOlderThan.isNegative() || orphanGrace.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
    if (keepLast < 1) {
      throw new IllegalArgumentException("keepLast was " + keepLast + " but it must be at least 1");
    }
  }

  public MaintenanceOptions withExpireOlderThan(Duration duration) {
    return new MaintenanceOptions(targetFileSizeBytes, duration, keepLast, orphanGrace);
  }
}
