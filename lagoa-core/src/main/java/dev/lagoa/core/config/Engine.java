package dev.lagoa.core.config;

/**
 * The engine that runs a project's models: {@code engine: duckdb | spark} in {@code lagoa.yaml},
 * per model in its settings, or {@code lagoa run --engine}. Both read and write the same Iceberg
 * tables with the same semantics, so a project can alternate engines run by run.
 */
public enum Engine {
  /** Embedded, in Lagoa's own process (the default). */
  DUCKDB,
  /** A Spark application Lagoa launches in its own JVM (see {@link SparkConfig}). */
  SPARK
}
