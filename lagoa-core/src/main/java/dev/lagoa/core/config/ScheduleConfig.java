package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.util.List;

/**
 * A cron schedule of {@code lagoa.yaml}'s {@code schedules:} section: at each firing, run {@code
 * sources} (in order), then build {@code models}, then retrain the {@code ml:} models named in
 * {@code train}.
 *
 * @param cron six fields, seconds first: {@code 0 0 19 * * MON-FRI}
 * @param models a model selection as on the command line ({@code *}, {@code cars+}), empty for none
 * @param train {@code ml:} models to retrain after the models are built (a new version is served
 *     only if it is not worse on its promotion metric)
 */
public record ScheduleConfig(
    String name,
    String cron,
    ZoneId zone,
    List<String> sources,
    String models,
    MisfirePolicy misfire,
    RetryPolicy retry,
    List<String> train) {
  public ScheduleConfig {
    requireNonNull(name, "name is null");
    requireNonNull(cron, "cron is null");
    requireNonNull(zone, "zone is null");
    sources = List.copyOf(requireNonNull(sources, "sources is null"));
    requireNonNull(models, "models is null");
    requireNonNull(misfire, "misfire is null");
    requireNonNull(retry, "retry is null");
    train = List.copyOf(requireNonNull(train, "train is null"));
  }

  /** A schedule that retrains nothing. */
  public ScheduleConfig(
      String name,
      String cron,
      ZoneId zone,
      List<String> sources,
      String models,
      MisfirePolicy misfire,
      RetryPolicy retry) {
    this(name, cron, zone, sources, models, misfire, retry, List.of());
  }
}
