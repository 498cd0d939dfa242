package dev.lagoa.server;

import static java.util.Objects.requireNonNull;

import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * The roles the run routes are tagged with, chosen by whoever mounts access control: {@code POST
 * /runs} with {@code startRuns}, {@code GET /runs} and {@code GET /runs/{id}} with {@code
 * readRuns}. Tags alone enforce nothing; until an access-control feature checks them, the routes
 * are open, which is why the server binds 127.0.0.1 by default.
 */
public record RunRouteRoles(Set<RouteRole> startRuns, Set<RouteRole> readRuns) {
  public static final RunRouteRoles UNTAGGED = new RunRouteRoles(Set.of(), Set.of());

  public RunRouteRoles {
    startRuns = Set.copyOf(requireNonNull(startRuns, "startRuns is null"));
    readRuns = Set.copyOf(requireNonNull(readRuns, "readRuns is null"));
  }
}
