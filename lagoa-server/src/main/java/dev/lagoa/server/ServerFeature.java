package dev.lagoa.server;

import io.javalin.config.JavalinConfig;

/**
 * A feature module mounted into {@code lagoa serve}'s HTTP server (the authenticated data API, a
 * dashboard): it adds its routes, plugins, before-handlers or access manager to the server's
 * configuration. Called once, while the server is built, before any route of this module is
 * declared, so a feature may also guard the run routes by their {@link RunRouteRoles}.
 */
@FunctionalInterface
public interface ServerFeature {
  void install(JavalinConfig config);
}
