package dev.lagoa.core.config;

/**
 * When captured changes are committed to the lake: after {@code intervalMillis} since the first
 * uncommitted change, or as soon as {@code maxChanges} are waiting, whichever comes first.
 */
public record CdcBatchOptions(int intervalMillis, int maxChanges) {
  public static final CdcBatchOptions DEFAULT = new CdcBatchOptions(1000, 20_000);

  public CdcBatchOptions {
    if (intervalMillis < 1) {
      throw new IllegalArgumentException("intervalMillis must be positive: " + intervalMillis);
    }
    if (maxChanges < 1) {
      throw new IllegalArgumentException("maxChanges must be positive: " + maxChanges);
    }
  }
}
