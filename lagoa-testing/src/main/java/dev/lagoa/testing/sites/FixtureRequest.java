package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request to a fixture site: its decoded path and raw query. */
public record FixtureRequest(String path, String rawQuery, String userAgent) {
  public FixtureRequest {
    requireNonNull(path, "path is null");
    requireNonNull(rawQuery, "rawQuery is null");
    userAgent = userAgent == null ? "" : userAgent;
  }

  /** The query's parameters, decoded; the first value wins when a name repeats. */
  public Map<String, String> query() {
    Map<String, String> result = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      result.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return result;
  }
}
