package dev.lagoa.models.spark;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.SparkConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The project's Spark job, started when a model first needs Spark and kept until closed, so the
 * seconds Spark takes to start are paid once per open project (one {@code lagoa run}, or a whole
 * {@code lagoa serve}), not once per model.
 */
public final class SparkSessions implements AutoCloseable {
  private final SparkConfig spark;
  private final CatalogConfig catalog;
  private final Path log;
  private SparkJob job;

  /**
   * @param log the file the job's standard error goes to
   */
  public SparkSessions(SparkConfig spark, CatalogConfig catalog, Path log) {
    this.spark = requireNonNull(spark, "spark is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.log = requireNonNull(log, "log is null");
  }

  /** The running job, started now if it is not yet (or if the last one died). */
  public synchronized SparkJob job() {
    if (job != null && !job.isAlive()) {
      job.close();
      job = null;
    }
    if (job == null) {
      job = SparkJob.start(spark, catalog, log);
    }
    return job;
  }

  /** The job if it was started. */
  public synchronized Optional<SparkJob> started() {
    return Optional.ofNullable(job);
  }

  @Override
  public synchronized void close() {
    if (job != null) {
      job.close();
      job = null;
    }
  }
}
