package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
  private static final Path PROJECT = Path.of("/projects/cars");

  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(name -> null).parse(PROJECT, "lagoa.yaml", yaml);
  }

  @Test
  void aProjectWithoutEngineSettingsRunsItsModelsOnDuckDb() {
    EngineConfig engines = parse("name: cars\n").engines();

    assertThat(engines.engine()).isEqualTo(Engine.DUCKDB);
    assertThat(engines.spark().master()).isEqualTo("local[*]");
    assertThat(engines.spark().deployMode()).isEqualTo(SparkDeployMode.CLIENT);
    assertThat(engines.spark().conf()).isEmpty();
  }

  @Test
  void theEngineAndTheSparkSectionAreRead() {
    EngineConfig engines =
        parse(
                """
                engine: spark
                spark:
                  master: spark://spark-master:7077
                  deploy_mode: client
                  driver_memory: 4g
                  conf:
                    spark.executor.memory: 8g
                    spark.sql.shuffle.partitions: 64
                  job_classpath: /opt/lagoa/spark/*
                """)
            .engines();

    assertThat(engines.engine()).isEqualTo(Engine.SPARK);
    assertThat(engines.spark())
        .isEqualTo(
            new SparkConfig(
                "spark://spark-master:7077",
                SparkDeployMode.CLIENT,
                "4g",
                Map.of("spark.executor.memory", "8g", "spark.sql.shuffle.partitions", "64"),
                "/opt/lagoa/spark/*"));
  }

  @Test
  void everyWrongEngineSettingIsReportedAtOnceWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    engine: flink
                    spark:
                      master: mesos-ish
                      deploy_mode: cluster
                      driver_memory: lots
                      executors: 3
                    """))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining("engine was 'flink' but it must be one of duckdb, spark")
        .hasMessageContaining("spark.master was 'mesos-ish' but it must be local")
        .hasMessageContaining("spark.deploy_mode was 'cluster' but Lagoa drives its Spark job")
        .hasMessageContaining("spark.driver_memory was 'lots' but it must be a size")
        .hasMessageContaining("spark.executors is not a known setting");
  }
}
