package dev.lagoa.ml.registry;

/**
 * @param read rows in the training snapshot
 * @param dropped rows left out for a missing target or a missing {@code missing: drop} feature
 * @param train rows the model learnt from
 * @param test rows held out for evaluation
 */
public record RowCounts(long read, long dropped, long train, long test) {}
