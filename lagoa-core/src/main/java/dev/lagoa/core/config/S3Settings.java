package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to reach an {@code s3://} warehouse ({@code catalog.s3} in {@code lagoa.yaml}): Amazon S3
 * itself, or any server speaking its API (MinIO, Ceph, S3Proxy) at {@code endpoint}. Both Lagoa and
 * its Spark job read and write the warehouse through Iceberg's {@code S3FileIO} with these
 * settings.
 *
 * <p>Credentials: {@code access_key_id} / {@code secret_access_key} (usually written {@code
 * ${AWS_ACCESS_KEY_ID}} so the secret stays in the environment); when left out, the AWS SDK's
 * default chain finds them (environment variables, {@code ~/.aws}, an instance or pod role).
 *
 * @param endpoint the server's URL ({@code http://127.0.0.1:9000}); "" for Amazon S3
 * @param region the region; "" for the AWS SDK's default chain ({@code AWS_REGION}, profile), or
 *     {@code us-east-1} when an endpoint is set (S3-compatible servers ignore it)
 * @param pathStyleAccess {@code http://host/bucket/key} rather than {@code http://bucket.host/key}
 *     (most S3-compatible servers need it)
 * @param accessKeyId "" for the default credential chain
 * @param secretAccessKey "" for the default credential chain
 */
public record S3Settings(
    String endpoint,
    String region,
    boolean pathStyleAccess,
    String accessKeyId,
    String secretAccessKey) {
  /** Amazon S3 with the AWS SDK's defaults. */
  public static final S3Settings DEFAULTS = new S3Settings("", "", false, "", "");

  /** Iceberg's FileIO for object storage. */
  public static final String FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

  public S3Settings {
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(region, "region is null");
    requireNonNull(accessKeyId, "accessKeyId is null");
    requireNonNull(secretAccessKey, "secretAccessKey is null");
    if (accessKeyId.isBlank() != secretAccessKey.isBlank()) {
      throw new IllegalArgumentException(
          "access key id and secret access key go together: set both or neither");
    }
  }

  /** Whether {@code location} is in object storage that these settings serve. */
  public static boolean isS3(String location) {
    return location.startsWith("s3://") || location.startsWith("s3a://");
  }

  /** The Iceberg catalog properties that give a catalog (Lagoa's or Spark's) this S3 access. */
  public Map<String, String> icebergProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("io-impl", FILE_IO);
    if (!endpoint.isBlank()) {
      properties.put("s3.endpoint", endpoint);
    }
    String effectiveRegion = !region.isBlank() ? region : endpoint.isBlank() ? "" : "us-east-1";
    if (!effectiveRegion.isBlank()) {
      properties.put("client.region", effectiveRegion);
    }
    if (pathStyleAccess) {
      properties.put("s3.path-style-access", "true");
    }
    if (!accessKeyId.isBlank()) {
      properties.put("s3.access-key-id", accessKeyId);
      properties.put("s3.secret-access-key", secretAccessKey);
    }
    return properties;
  }

  @Override
  public String toString() {
    // Never print the secret (reports, logs, exceptions).
    return "S3Settings[endpoint="
        + endpoint
        + ", region="
        + region
        + ", pathStyleAccess="
        + pathStyleAccess
        + ", accessKeyId="
        + accessKeyId
        + ", secretAccessKey="
        + (secretAccessKey.isEmpty() ? "" : "***")
        + "]";
  }
}
