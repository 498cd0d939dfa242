package dev.lagoa.core.config;

/** What a schedule does about a firing missed while no {@code lagoa serve} was running. */
public enum MisfirePolicy {
  /** Run once on start, however many firings were missed. */
  RUN_ONCE,
  /** Wait for the next firing. */
  SKIP
}
