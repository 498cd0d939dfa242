package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

/**
 * A trigger of {@code lagoa.yaml}'s {@code triggers:} section.
 *
 * @param source for {@link TriggerType#FILE_ARRIVAL}: the {@code files} source whose landing
 *     directory is watched; empty otherwise
 * @param models the models to build after the load ({@link #DOWNSTREAM}: every model reading the
 *     source's table and every model built from those; empty: none), or for {@link
 *     TriggerType#UPSTREAM} the selection whose input tables are watched
 */
public record TriggerConfig(
    String name, TriggerType type, String source, String models, RetryPolicy retry) {
  public static final String DOWNSTREAM = "downstream";

  public TriggerConfig {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(source, "source is null");
    requireNonNull(models, "models is null");
    requireNonNull(retry, "retry is null");
  }
}
