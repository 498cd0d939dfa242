package dev.lagoa.server;

import static java.util.Objects.requireNonNull;

/**
 * Where the server listens. The default host is 127.0.0.1: nothing outside the machine reaches the
 * (so far unauthenticated) run routes unless asked for.
 *
 * @param port 0 for any free port
 */
public record ServerSettings(String host, int port) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerSettings {
    requireNonNull(host, "host is null");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port was " + port + " but it must be 0 to 65535");
    }
  }
}
