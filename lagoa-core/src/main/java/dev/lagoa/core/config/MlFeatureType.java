package dev.lagoa.core.config;

/** How a feature column is read: a number, one of a set of values, or true/false. */
public enum MlFeatureType {
  /** Any numeric column; used as its value. */
  NUMERIC,
  /** Any column whose distinct values are categories; one-hot encoded. */
  CATEGORICAL,
  /** A boolean column (or true/false values); 1 for true, 0 for false. */
  BOOLEAN
}
