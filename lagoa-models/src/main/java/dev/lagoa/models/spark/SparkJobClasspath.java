package dev.lagoa.models.spark;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.SparkConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Spark job's classes and jars are (module {@code lagoa-spark}): Spark and Iceberg's
 * Spark runtime never go on Lagoa's own class path, they conflict with its Iceberg.
 *
 * <p>In order: {@code spark.job_classpath} in {@code lagoa.yaml}; the {@code lagoa.spark.classpath}
 * system property (tests); else under {@code lagoa.home} (both launchers set it): a distribution's
 * {@code spark/} folder of jars ({@value #DISTRIBUTION_FOLDER}), or in a checkout the build: {@code
 * lagoa-spark/target/classes} and the jars listed in {@code lagoa-spark/target/job-classpath.txt},
 * which Maven writes when it builds the module.
 */
public final class SparkJobClasspath {
  public static final String PROPERTY = "lagoa.spark.classpath";

  /** Where a distribution built with {@code -Pspark} keeps the job's jars, under its home. */
  public static final String DISTRIBUTION_FOLDER = "spark";

  private SparkJobClasspath() {}

  public static String of(SparkConfig config) {
    if (!config.jobClasspath().isBlank()) {
      return config.jobClasspath();
    }
    String property = System.getProperty(PROPERTY, "");
    if (!property.isBlank()) {
      return property;
    }
    String home = System.getProperty("lagoa.home", "");
    if (home.isBlank()) {
      throw LagoaException.userInput(
          "Cannot start Spark: the Spark job's class path is unknown; set spark.job_classpath in"
              + " lagoa.yaml or the system property %s (the ./lagoa launcher finds its own build)",
          PROPERTY);
    }
    return of(Path.of(home));
  }

  /**
   * The job's class path under a Lagoa home: {@code spark/*} in a distribution that carries the
   * job's jars, else the lagoa-spark build of a checkout.
   */
  public static String of(Path home) {
    Path jars = home.resolve(DISTRIBUTION_FOLDER);
    if (Files.isDirectory(jars)) {
      // The java launcher expands the wildcard itself: no shell is involved.
      return jars.resolve("*").toString();
    }
    return ofBuild(home.resolve("lagoa-spark"));
  }

  /** The class path of the job built in {@code module} (the lagoa-spark folder). */
  public static String ofBuild(Path module) {
    Path list = module.resolve("target").resolve("job-classpath.txt");
    try {
      String jars = Files.readString(list).trim();
      return module.resolve("target").resolve("classes") + File.pathSeparator + jars;
    } catch (IOException e) {
      throw LagoaException.userInput(
          "Cannot start Spark: the Spark job is not built (%s is missing); build Lagoa with"
              + " ./mvnw package",
          list);
    }
  }
}
