package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A trigger of {@code lagoa.yaml}'s {@code triggers:} section.
 *
 * @param source for {@link TriggerType#FILE_ARRIVAL}: the {@code files} source whose landing
 *     directory is watched; empty otherwise
 * @param models the models to build after the load ({@link #DOWNSTREAM}: every model reading the
 *     source's table and every model built from those; empty: none), or for {@link
 *     TriggerType#UPSTREAM} the selection whose input tables are watched
 * @param train {@code ml:} models to retrain after the models are built; for {@link
 *     TriggerType#UPSTREAM} their training tables are watched too, and a model is retrained only
 *     when its training table has a snapshot no version was trained on
 */
public record TriggerConfig(
    String name,
    TriggerType type,
    String source,
    String models,
    RetryPolicy retry,
    List<String> train) {
  public static final String DOWNSTREAM = "downstream";

  public TriggerConfig {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(source, "source is null");
    requireNonNull(models, "models is null");
    requireNonNull(retry, "retry is null");
    train = List.copyOf(requireNonNull(train, "train is null"));
  }

  /** A trigger that retrains nothing. */
  public TriggerConfig(
      String name, TriggerType type, String source, String models, RetryPolicy retry) {
    this(name, type, source, models, retry, List.of());
  }
}
