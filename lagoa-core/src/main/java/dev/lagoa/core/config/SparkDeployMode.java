package dev.lagoa.core.config;

/** Where the Spark driver runs: Spark's {@code spark.submit.deployMode}. */
public enum SparkDeployMode {
  /** In the JVM Lagoa launches on this machine; executors wherever the master puts them. */
  CLIENT,
  /** On the cluster; Lagoa would talk to it through files (not supported yet). */
  CLUSTER
}
