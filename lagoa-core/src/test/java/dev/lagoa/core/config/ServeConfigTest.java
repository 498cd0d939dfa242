package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServeConfigTest {
  private static final Path PROJECT = Path.of("/projects/cars");
  private static final String SOURCE =
      "sources:\n  cars: {type: files, path: landing/cars, format: json}\n";

  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(name -> null).parse(PROJECT, "lagoa.yaml", SOURCE + yaml);
  }

  @Test
  void aProjectWithoutServeSectionsGetsTheDefaults() {
    ServeConfig serve = parse("").serve();

    assertThat(serve.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(serve.maxConcurrentRuns()).isEqualTo(2);
    assertThat(serve.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(serve.schedules()).isEmpty();
    assertThat(serve.triggers()).isEmpty();
  }

  @Test
  void schedulesAndTriggersAreReadWithTheirRetryPolicies() {
    ServeConfig serve =
        parse(
                """
                serve: {poll_interval: 250ms, max_concurrent_runs: 3, grace_period: 2m}
                schedules:
                  nightly:
                    cron: "0 0 19 * * MON-FRI"
                    zone: America/Sao_Paulo
                    sources: [cars]
                    models: "*"
                    misfire: skip
                    retries: 5
                    backoff: 2s
                    timeout: 1h
                triggers:
                  landed: {on: file-arrival, source: cars}
                  refine: {on: upstream, models: "silver_cars+"}
                """)
            .serve();

    assertThat(serve.pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(serve.maxConcurrentRuns()).isEqualTo(3);
    assertThat(serve.gracePeriod()).isEqualTo(Duration.ofMinutes(2));
    ScheduleConfig nightly = serve.schedules().get("nightly");
    assertThat(nightly.cron()).isEqualTo("0 0 19 * * MON-FRI");
    assertThat(nightly.zone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
    assertThat(nightly.sources()).containsExactly("cars");
    assertThat(nightly.models()).isEqualTo("*");
    assertThat(nightly.misfire()).isEqualTo(MisfirePolicy.SKIP);
    assertThat(nightly.retry())
        .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofHours(1)));
    assertThat(serve.triggers().get("landed"))
        .isEqualTo(
            new TriggerConfig(
                "landed", TriggerType.FILE_ARRIVAL, "cars", "downstream", RetryPolicy.DEFAULT));
    assertThat(serve.triggers().get("refine").type()).isEqualTo(TriggerType.UPSTREAM);
    assertThat(serve.triggers().get("refine").models()).isEqualTo("silver_cars+");
  }

  @Test
  void backoffDoublesAfterEachFailedAttempt() {
    RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(300), Duration.ofMinutes(1));

    assertThat(
            List.of(
                retry.delayBefore(1),
                retry.delayBefore(2),
                retry.delayBefore(3),
                retry.delayBefore(4)))
        .containsExactly(
            Duration.ZERO, Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(1200));
  }

  @Test
  void everyProblemOfTheServeSectionsIsReportedWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    serve: {poll_interval: soon}
                    schedules:
                      bad: {cron: "0 19 * * *", zone: Mars/Olympus, sources: [cars], misfire: later}
                      empty: {cron: "0 0 0 * * *"}
                    triggers:
                      landed: {on: file-arrival, source: nope}
                      odd: {on: telepathy, models: x}
                    """))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "serve.poll_interval was 'soon' but it must be a duration such as 500ms, 30s, 2m, 1h or 1d")
        .hasMessageContaining(
            "schedules.bad.cron was '0 19 * * *' but it must have six fields: seconds minutes hours"
                + " day-of-month month day-of-week")
        .hasMessageContaining(
            "schedules.bad.zone was 'Mars/Olympus' but it must be a time zone such as America/Sao_Paulo")
        .hasMessageContaining(
            "schedules.bad.misfire was 'later' but it must be one of run-once, skip")
        .hasMessageContaining(
            "schedules.empty runs nothing: give sources, models, train or several")
        .hasMessageContaining(
            "triggers.landed.source was 'nope' but it must name a files source of this project [cars]")
        .hasMessageContaining(
            "triggers.odd.on was 'telepathy' but it must be one of file-arrival, upstream");
  }

  @Test
  void schedulesAndTriggersRetrainMlModelsNamedInTrainAndAnUnknownOneIsReported() {
    String ml =
        """
        ml:
          models:
            mileage:
              table: bronze.cars
              target: mileage
              task: regression
              features: {speed: {type: numeric}}
        """;
    ServeConfig serve =
        parse(
                ml
                    + """
                    schedules:
                      nightly: {cron: "0 0 3 * * *", train: [mileage]}
                    triggers:
                      retrain: {on: upstream, train: [mileage]}
                    """)
            .serve();

    assertThat(serve.schedules().get("nightly").train()).containsExactly("mileage");
    assertThat(serve.schedules().get("nightly").models()).isEmpty();
    assertThat(serve.triggers().get("retrain").train()).containsExactly("mileage");
    assertThat(serve.triggers().get("retrain").models()).isEmpty();
    assertThatThrownBy(
            () ->
                parse(
                    ml
                        + """
                        triggers:
                          retrain: {on: upstream, train: [milage]}
                          idle: {on: upstream}
                        """))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "triggers.retrain.train names 'milage' but it must name models of the ml: section"
                + " [mileage]")
        .hasMessageContaining(
            "triggers.idle watches nothing: give models, train (ml: models to retrain) or both");
  }
}
