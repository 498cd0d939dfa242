package dev.lagoa.models.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkJobClasspathTest {
  @TempDir Path home;

  @Test
  void aDistributionRunsTheJobFromTheJarsInItsSparkFolder() throws IOException {
    Files.createDirectories(home.resolve("spark"));
    Files.createDirectories(home.resolve("lagoa-spark/target"));
    Files.writeString(home.resolve("lagoa-spark/target/job-classpath.txt"), "/m2/spark.jar");

    assertThat(SparkJobClasspath.of(home)).isEqualTo(home.resolve("spark") + File.separator + "*");
  }

  @Test
  void aCheckoutRunsTheJobFromItsBuild() throws IOException {
    Files.createDirectories(home.resolve("lagoa-spark/target"));
    Files.writeString(
        home.resolve("lagoa-spark/target/job-classpath.txt"), "/m2/spark.jar:/m2/iceberg.jar\n");

    assertThat(SparkJobClasspath.of(home))
        .isEqualTo(
            home.resolve("lagoa-spark/target/classes")
                + File.pathSeparator
                + "/m2/spark.jar:/m2/iceberg.jar");
  }

  @Test
  void aHomeWithoutTheJobSaysHowToBuildIt() {
    assertThatThrownBy(() -> SparkJobClasspath.of(home))
        .isInstanceOf(LagoaException.class)
        .hasMessage(
            "Cannot start Spark: the Spark job is not built (%s is missing); build Lagoa with"
                + " ./mvnw package",
            home.resolve("lagoa-spark/target/job-classpath.txt"));
  }
}
