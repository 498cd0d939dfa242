package dev.lagoa.core.config;

/** What a machine-learning model predicts: a number or a class. */
public enum MlTask {
  REGRESSION,
  CLASSIFICATION
}
