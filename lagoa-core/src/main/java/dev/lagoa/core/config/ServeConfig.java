package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@code lagoa serve} keeps the project running: the {@code serve:}, {@code schedules:} and
 * {@code triggers:} sections of {@code lagoa.yaml}.
 *
 * @param pollInterval how often landing directories and input tables are checked for news (watch
 *     events only wake the poller early: landing directories may be network mounts)
 * @param maxConcurrentRuns runs executing at once; more wait in a queue
 * @param gracePeriod how long a stopping service lets running steps finish
 */
public record ServeConfig(
    Duration pollInterval,
    int maxConcurrentRuns,
    Duration gracePeriod,
    Map<String, ScheduleConfig> schedules,
    Map<String, TriggerConfig> triggers) {
  public static final ServeConfig DEFAULT =
      new ServeConfig(Duration.ofSeconds(1), 2, Duration.ofSeconds(30), Map.of(), Map.of());

  public ServeConfig {
    requireNonNull(pollInterval, "pollInterval is null");
    requireNonNull(gracePeriod, "gracePeriod is null");
    if (maxConcurrentRuns < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentRuns was " + maxConcurrentRuns + " but it must be at least 1");
    }
    schedules = Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
    triggers = Collections.unmodifiableMap(new LinkedHashMap<>(triggers));
  }
}
