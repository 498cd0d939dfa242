package dev.lagoa.models.project;

/** How much a failing model test matters. */
public enum Severity {
  /** The failure is reported; the model counts as built. */
  WARN,
  /**
   * The failure fails the model: a run skips the models built from it, and {@code lagoa test}
   * fails.
   */
  ERROR
}
