package dev.lagoa.core.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code serve:}, {@code schedules:} and {@code triggers:} sections of {@code
 * lagoa.yaml}:
 *
 * <pre>{@code
 * serve: {poll_interval: 1s, max_concurrent_runs: 2, grace_period: 30s}
 * schedules:
 *   refine:
 *     cron: "0 0 19 * * MON-FRI"      # seconds minutes hours day-of-month month day-of-week
 *     zone: America/Sao_Paulo
 *     sources: [ibov_api]
 *     models: "*"
 *     misfire: run-once               # run-once | skip
 *     retries: 3                      # attempts in all
 *     backoff: 10s                    # doubled after each failed attempt
 *     timeout: 60m
 *   retrain_nightly: {cron: "0 0 3 * * *", train: [rating]}   # ml: models to retrain
 * triggers:
 *   cars_landed: {on: file-arrival, source: car_readings, models: downstream}
 *   refine: {on: upstream, models: "ibov_refined+"}
 *   retrain: {on: upstream, train: [rating]}   # a new snapshot of the training table
 * }</pre>
 */
public final class ServeConfigReader {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private ServeConfigReader() {}

  public static ServeConfig read(ConfigNode project, Set<String> filesSources) {
    return read(project, filesSources, Set.of());
  }

  /**
   * @param mlModels the names of the {@code ml:} models, which {@code train:} lists may name
   */
  public static ServeConfig read(
      ConfigNode project, Set<String> filesSources, Set<String> mlModels) {
    ConfigNode serve = project.child("serve");
    Duration poll =
        positive(serve, "poll_interval", duration(serve, "poll_interval", Duration.ofSeconds(1)));
    int concurrency = serve.integer("max_concurrent_runs", 2, 1);
    Duration grace = duration(serve, "grace_period", Duration.ofSeconds(30));
    serve.rejectUnknownKeys();
    Map<String, ScheduleConfig> schedules =
        project.namedChildren("schedules", (name, node) -> schedule(name, node, mlModels));
    Map<String, TriggerConfig> triggers =
        project.namedChildren(
            "triggers", (name, node) -> trigger(name, node, filesSources, mlModels));
    schedules.values().removeIf(java.util.Objects::isNull);
    triggers.values().removeIf(java.util.Objects::isNull);
    return new ServeConfig(poll, concurrency, grace, schedules, triggers);
  }

  private static ScheduleConfig schedule(String name, ConfigNode node, Set<String> mlModels) {
    String cron = node.requiredString("cron");
    if (!cron.isEmpty() && cron.trim().split("\\s+").length != 6) {
      node.problems()
          .add(
              node.path() + ".cron",
              "was '"
                  + cron
                  + "' but it must have six fields: seconds minutes hours day-of-month month"
                  + " day-of-week (e.g. '0 0 19 * * MON-FRI')");
    }
    String zoneName = node.string("zone", "UTC");
    ZoneId zone = ZoneId.of("UTC");
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      node.problems()
          .add(
              node.path() + ".zone",
              "was '" + zoneName + "' but it must be a time zone such as America/Sao_Paulo");
    }
    List<String> sources = node.stringList("sources");
    String models = node.string("models", "");
    List<String> train = train(node, mlModels);
    if (sources.isEmpty() && models.isBlank() && train.isEmpty()) {
      node.problems().add(node.path(), "runs nothing: give sources, models, train or several");
    }
    MisfirePolicy misfire = node.enumValue("misfire", MisfirePolicy.class, MisfirePolicy.RUN_ONCE);
    RetryPolicy retry = retry(node);
    node.rejectUnknownKeys();
    return new ScheduleConfig(name, cron, zone, sources, models, misfire, retry, train);
  }

  private static TriggerConfig trigger(
      String name, ConfigNode node, Set<String> filesSources, Set<String> mlModels) {
    TriggerType type = node.enumValue("on", TriggerType.class, TriggerType.FILE_ARRIVAL);
    if (!node.has("on")) {
      node.problems()
          .add(node.path() + ".on", "is missing but it is required (file-arrival or upstream)");
    }
    String source = "";
    String models;
    if (type == TriggerType.FILE_ARRIVAL) {
      source = node.requiredString("source");
      if (!source.isEmpty() && !filesSources.contains(source)) {
        node.problems()
            .add(
                node.path() + ".source",
                "was '"
                    + source
                    + "' but it must name a files source of this project "
                    + filesSources);
      }
      models = node.string("models", TriggerConfig.DOWNSTREAM);
    } else {
      models = node.string("models", "");
    }
    List<String> train = train(node, mlModels);
    if (type == TriggerType.UPSTREAM && models.isBlank() && train.isEmpty()) {
      node.problems()
          .add(node.path(), "watches nothing: give models, train (ml: models to retrain) or both");
    }
    RetryPolicy retry = retry(node);
    node.rejectUnknownKeys();
    return new TriggerConfig(name, type, source, models, retry, train);
  }

  /** The {@code train:} list: names of {@code ml:} models, each checked. */
  private static List<String> train(ConfigNode node, Set<String> mlModels) {
    List<String> train = node.stringList("train");
    for (String model : train) {
      if (!mlModels.contains(model)) {
        node.problems()
            .add(
                node.path() + ".train",
                "names '"
                    + model
                    + "' but it must name models of the ml: section "
                    + new java.util.TreeSet<>(mlModels));
      }
    }
    return train;
  }

  private static RetryPolicy retry(ConfigNode node) {
    int attempts = node.integer("retries", RetryPolicy.DEFAULT.attempts(), 1);
    Duration backoff = duration(node, "backoff", RetryPolicy.DEFAULT.backoff());
    Duration timeout =
        positive(node, "timeout", duration(node, "timeout", RetryPolicy.DEFAULT.timeout()));
    return new RetryPolicy(attempts, backoff, timeout);
  }

  private static Duration positive(ConfigNode node, String key, Duration value) {
    if (value.isZero()) {
      node.problems().add(node.path() + "." + key, "was '0' but it must be positive");
      return Duration.ofSeconds(1);
    }
    return value;
  }

  /** Reads {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or {@code 1d}. */
  static Duration duration(ConfigNode node, String key, Duration defaultValue) {
    String value = node.optionalString(key).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    Matcher matcher = DURATION.matcher(value.trim());
    if (!matcher.matches()) {
      node.problems()
          .add(
              node.path() + "." + key,
              "was '" + value + "' but it must be a duration such as 500ms, 30s, 2m, 1h or 1d");
      return defaultValue;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
