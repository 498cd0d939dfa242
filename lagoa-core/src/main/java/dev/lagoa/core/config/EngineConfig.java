package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * The project's model engine ({@code engine:}) and how to run Spark ({@code spark:}).
 *
 * @param engine the engine of every model that does not choose its own
 */
public record EngineConfig(Engine engine, SparkConfig spark) {
  public static final EngineConfig DEFAULT = new EngineConfig(Engine.DUCKDB, SparkConfig.DEFAULT);

  public EngineConfig {
    requireNonNull(engine, "engine is null");
    requireNonNull(spark, "spark is null");
  }

  public EngineConfig withEngine(Engine newEngine) {
    return new EngineConfig(newEngine, spark);
  }

  public EngineConfig withSpark(SparkConfig newSpark) {
    return new EngineConfig(engine, newSpark);
  }
}
