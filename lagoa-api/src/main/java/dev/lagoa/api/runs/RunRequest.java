package dev.lagoa.api.runs;

import static java.util.Objects.requireNonNull;

/**
 * A request to run the project's pipeline from the API.
 *
 * @param resource the API resource whose refresh asked for it
 * @param requestedBy the user who asked
 */
public record RunRequest(String resource, String requestedBy) {
  public RunRequest {
    requireNonNull(resource, "resource is null");
    requireNonNull(requestedBy, "requestedBy is null");
  }
}
