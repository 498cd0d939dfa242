package dev.lagoa.models.project;

/** How a model's result is kept. */
public enum Materialization {
  /** A DuckDB view over its inputs, defined in every session that reads it; no table is written. */
  VIEW,
  /** A table rebuilt from all of its inputs whenever one of them changed. */
  TABLE,
  /** A table that takes in only the rows appended to its inputs since its last run. */
  INCREMENTAL
}
