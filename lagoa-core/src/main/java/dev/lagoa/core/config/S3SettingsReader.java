package dev.lagoa.core.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Reads {@code catalog.s3} of {@code lagoa.yaml} into {@link S3Settings}. */
final class S3SettingsReader {
  private S3SettingsReader() {}

  /**
   * The S3 settings of a catalog whose warehouse is {@code warehouse}; every problem is recorded
   * with its path.
   */
  static S3Settings read(ConfigNode catalog, String warehouse) {
    String warehousePath = catalog.path() + ".warehouse";
    if (S3Settings.isS3(warehouse)) {
      String rest = warehouse.substring(warehouse.indexOf("://") + 3);
      if (rest.isEmpty() || rest.startsWith("/")) {
        catalog
            .problems()
            .add(
                warehousePath,
                "was '" + warehouse + "' but it must name a bucket: s3://bucket/path");
      }
    }
    if (!catalog.has("s3")) {
      return S3Settings.DEFAULTS;
    }
    ConfigNode node = catalog.child("s3");
    if (!S3Settings.isS3(warehouse)) {
      node.problems()
          .add(
              node.path(),
              "is set but "
                  + warehousePath
                  + " was '"
                  + warehouse
                  + "': S3 settings serve an s3://bucket/path warehouse");
    }
    String endpoint = node.string("endpoint", "").strip();
    if (!endpoint.isEmpty()) {
      try {
        URI uri = new URI(endpoint);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new URISyntaxException(endpoint, "not an http(s) URL with a host");
        }
      } catch (URISyntaxException e) {
        node.problems()
            .add(
                node.path() + ".endpoint",
                "was '" + endpoint + "' but it must be an http:// or https:// URL");
        endpoint = "";
      }
    }
    String region = node.string("region", "").strip();
    boolean pathStyle = node.bool("path_style_access", false);
    String accessKeyId = node.string("access_key_id", "").strip();
    String secret = node.string("secret_access_key", "").strip();
    if (accessKeyId.isEmpty() != secret.isEmpty()) {
      String missing = accessKeyId.isEmpty() ? "access_key_id" : "secret_access_key";
      node.problems()
          .add(
              node.path() + "." + missing,
              "is missing but access_key_id and secret_access_key go together (leave both out to"
                  + " use the AWS default credential chain)");
      accessKeyId = "";
      secret = "";
    }
    node.rejectUnknownKeys();
    return new S3Settings(endpoint, region, pathStyle, accessKeyId, secret);
  }
}
