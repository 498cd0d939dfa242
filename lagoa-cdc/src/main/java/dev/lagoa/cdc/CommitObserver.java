package dev.lagoa.cdc;

/**
 * Hears every micro-batch a source commits to the lake, on the committing thread, after the last
 * table's commit: for metrics (changes per second, source-commit-to-lake latency) and benchmarks.
 */
@FunctionalInterface
public interface CommitObserver {
  CommitObserver NONE = (committedMillis, sourceMillis) -> {};

  /**
   * @param committedMillis when the batch became visible in the lake (epoch ms)
   * @param sourceMillis the source commit time of each change of the batch (epoch ms)
   */
  void committed(long committedMillis, long[] sourceMillis);
}
