package dev.lagoa.models.materialize;

/** What a build read. */
public enum BuildMode {
  /** Every row of every input: a first build, a full refresh, or a table model. */
  FULL,
  /** Only the rows appended to the inputs since the model's bookmark. */
  INCREMENTAL,
  /** Nothing: the model was up to date, a view, failed or skipped. */
  NONE
}
