package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How Lagoa runs Spark, from the {@code spark:} section of {@code lagoa.yaml}:
 *
 * <pre>{@code
 * spark:
 *   master: local[*]          # local[N], spark://host:7077, k8s://https://host, yarn
 *   deploy_mode: client       # client (the driver runs in the JVM Lagoa launches)
 *   driver_memory: 2g         # the -Xmx of that JVM
 *   conf:                     # any Spark setting, passed as given
 *     spark.sql.shuffle.partitions: "8"
 *   job_classpath: ""         # where the job's jars are; default: the build's (see lagoa-spark)
 * }</pre>
 *
 * @param jobClasspath the job's class path ({@code :}-separated, {@code dir/*} allowed); empty:
 *     found from the {@code lagoa.spark.classpath} system property or the Lagoa build
 */
public record SparkConfig(
    String master,
    SparkDeployMode deployMode,
    String driverMemory,
    Map<String, String> conf,
    String jobClasspath) {
  public static final SparkConfig DEFAULT =
      new SparkConfig("local[*]", SparkDeployMode.CLIENT, "2g", Map.of(), "");

  public SparkConfig {
    requireNonNull(master, "master is null");
    requireNonNull(deployMode, "deployMode is null");
    requireNonNull(driverMemory, "driverMemory is null");
    conf = Map.copyOf(requireNonNull(conf, "conf is null"));
    requireNonNull(jobClasspath, "jobClasspath is null");
  }

  public SparkConfig withMaster(String newMaster) {
    return new SparkConfig(newMaster, deployMode, driverMemory, conf, jobClasspath);
  }
}
