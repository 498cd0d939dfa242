package dev.lagoa.server.features;

import static java.util.Objects.requireNonNull;

import dev.lagoa.api.LagoaApi;
import dev.lagoa.api.auth.Role;
import dev.lagoa.api.auth.SigningKey;
import dev.lagoa.console.Console;
import dev.lagoa.ml.MachineLearning;
import dev.lagoa.ml.http.MlRoutes;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.runtime.Lakehouse;
import dev.lagoa.runtime.serve.PipelineService;
import dev.lagoa.server.RunRouteRoles;
import dev.lagoa.server.ServerFeature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code lagoa serve} mounts besides its own routes, all behind the data API's sign-in: the
 * API itself ({@code /auth/*}, the resources of {@code api:}, the SQL endpoint, OpenAPI), the run
 * routes (starting a run needs the admin role, reading runs any signed-in user) and, when the
 * project declares {@code ml:} models, the prediction routes (predict and model pages: reader;
 * training data: analyst) and the run engine's trainer, so schedules and triggers can retrain them,
 * and the web console ({@code /console}, same users and roles).
 */
public final class ProjectFeatures implements AutoCloseable {
  /** The roles {@code lagoa serve}'s own run routes are guarded by. */
  public static final RunRouteRoles RUN_ROLES =
      new RunRouteRoles(Set.of(Role.ADMIN), Set.of(Role.READER));

  private final LagoaApi api;
  private final Lakehouse lake;
  private final Lakehouse consoleLake;
  private final List<ServerFeature> features;

  private ProjectFeatures(
      LagoaApi api, Lakehouse lake, Lakehouse consoleLake, List<ServerFeature> features) {
    this.api = api;
    this.lake = lake;
    this.consoleLake = consoleLake;
    this.features = List.copyOf(features);
  }

  /**
   * Opens the API and, if the project has ML models, the model registry of the project the service
   * runs.
   *
   * @param environment where the token signing key may come from ({@code LAGOA_JWT_SECRET})
   */
  public static ProjectFeatures open(
      PipelineService service, Map<String, String> environment, Clock clock) {
    requireNonNull(service, "service is null");
    var config = service.config();
    LagoaApi api =
        LagoaApi.open(
            config,
            SigningKey.load(config.directory(), environment),
            new EngineLauncher(service),
            clock);
    List<ServerFeature> features = new ArrayList<>();
    features.add(api::install);
    Lakehouse lake = null;
    Lakehouse consoleLake = null;
    try {
      consoleLake = Lakehouse.open(config, clock);
      features.add(new Console(api, service, consoleLake, clock)::install);
      if (!config.ml().models().isEmpty()) {
        lake = Lakehouse.open(config.directory());
        MachineLearning ml =
            new MachineLearning(lake.config(), lake.catalog(), lake.engine(), clock);
        MlRoutes routes =
            new MlRoutes(ml, Set.of(Role.READER), Set.of(Role.READER), Set.of(Role.ANALYST));
        features.add(routes::install);
        service.engine().trainWith(ProjectFeatures::retrain);
      }
    } catch (RuntimeException e) {
      try (api) {
        if (consoleLake != null) {
          consoleLake.close();
        }
      }
      throw e;
    }
    return new ProjectFeatures(api, lake, consoleLake, features);
  }

  /** A run's {@code train} step: a new version, served only if not worse than the current one. */
  private static Optional<String> retrain(Lakehouse runLake, String model, boolean onlyOnNew) {
    MachineLearning ml = MachineLearning.of(runLake);
    if (onlyOnNew && !ml.hasNewSnapshot(model)) {
      return Optional.empty();
    }
    ModelVersion version = ml.retrain(model);
    return Optional.of(
        "version "
            + version.version()
            + (version.promotion().served() ? " served: " : " kept, not served: ")
            + version.promotion().reason());
  }

  public List<ServerFeature> features() {
    return features;
  }

  @Override
  public void close() {
    try (api;
        consoleLake) {
      if (lake != null) {
        lake.close();
      }
    }
  }
}
