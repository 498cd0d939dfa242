package dev.lagoa.core.config;

import java.util.regex.Pattern;

/**
 * Reads {@code engine:} and the {@code spark:} section of {@code lagoa.yaml} (see {@link
 * SparkConfig}).
 */
public final class EngineConfigReader {
  private static final Pattern MASTER =
      Pattern.compile("local(\\[(\\*|\\d+)(,\\s*\\d+)?])?|(spark|k8s|mesos)://.+|yarn");
  private static final Pattern MEMORY = Pattern.compile("\\d+[kKmMgGtT]?");

  private EngineConfigReader() {}

  public static EngineConfig read(ConfigNode project) {
    Engine engine = project.enumValue("engine", Engine.class, Engine.DUCKDB);
    ConfigNode spark = project.child("spark");
    SparkConfig defaults = SparkConfig.DEFAULT;
    String master = spark.string("master", defaults.master()).trim();
    if (!MASTER.matcher(master).matches()) {
      spark
          .problems()
          .add(
              spark.path() + ".master",
              "was '"
                  + master
                  + "' but it must be local, local[N], local[*], spark://host:port, k8s://url or"
                  + " yarn");
    }
    SparkDeployMode deployMode =
        spark.enumValue("deploy_mode", SparkDeployMode.class, defaults.deployMode());
    if (deployMode == SparkDeployMode.CLUSTER) {
      spark
          .problems()
          .add(
              spark.path() + ".deploy_mode",
              "was 'cluster' but Lagoa drives its Spark job from this machine: only client is"
                  + " supported (executors still run on the cluster)");
    }
    String memory = spark.string("driver_memory", defaults.driverMemory()).trim();
    if (!MEMORY.matcher(memory).matches()) {
      spark
          .problems()
          .add(
              spark.path() + ".driver_memory",
              "was '" + memory + "' but it must be a size such as 512m or 2g");
    }
    SparkConfig config =
        new SparkConfig(
            master,
            deployMode,
            memory,
            spark.stringMap("conf"),
            spark.string("job_classpath", defaults.jobClasspath()));
    spark.rejectUnknownKeys();
    return new EngineConfig(engine, config);
  }
}
