package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {
  private static final Path PROJECT = Path.of("/projects/cars");

  private static ProjectConfig parse(String yaml, Map<String, String> environment) {
    return new ProjectConfigLoader(environment::get).parse(PROJECT, "lagoa.yaml", yaml);
  }

  @Test
  void anS3WarehouseGetsS3FileIoWithItsEndpointRegionPathStyleAndKeysFromTheEnvironment() {
    CatalogConfig catalog =
        parse(
                """
                catalog:
                  warehouse: s3://lake/tables
                  s3:
                    endpoint: http://127.0.0.1:9000
                    path_style_access: true
                    access_key_id: ${KEY}
                    secret_access_key: ${SECRET}
                """,
                Map.of("KEY", "AKIA1", "SECRET", "s3cr3t"))
            .catalog();

    assertThat(catalog.objectStorage()).isTrue();
    assertThat(catalog.warehouse()).isEqualTo("s3://lake/tables");
    assertThat(catalog.uri()).isEqualTo("jdbc:sqlite:/projects/cars/catalog.db");
    assertThat(catalog.icebergProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "io-impl", "org.apache.iceberg.aws.s3.S3FileIO",
                "s3.endpoint", "http://127.0.0.1:9000",
                "client.region", "us-east-1",
                "s3.path-style-access", "true",
                "s3.access-key-id", "AKIA1",
                "s3.secret-access-key", "s3cr3t"));
    assertThat(catalog.s3().toString()).doesNotContain("s3cr3t");
  }

  @Test
  void amazonS3WithoutSettingsLeavesRegionAndCredentialsToTheAwsDefaultChain() {
    CatalogConfig catalog =
        parse(
                """
                catalog:
                  warehouse: s3://lake
                  properties: {s3.checksum-enabled: "true"}
                """,
                Map.of())
            .catalog();

    assertThat(catalog.icebergProperties())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("io-impl", "org.apache.iceberg.aws.s3.S3FileIO", "s3.checksum-enabled", "true"));
  }

  @Test
  void aLocalWarehouseHasNoS3FileIo() {
    CatalogConfig catalog = parse("sources: {}", Map.of()).catalog();

    assertThat(catalog.objectStorage()).isFalse();
    assertThat(catalog.icebergProperties()).isEmpty();
  }

  @Test
  void everyS3ProblemIsReportedWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    catalog:
                      warehouse: s3:///no-bucket
                      s3:
                        endpoint: 127.0.0.1:9000
                        path_style_access: yes please
                        access_key_id: AKIA1
                        sesion_token: x
                    """,
                    Map.of()))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "catalog.warehouse was 's3:///no-bucket' but it must name a bucket: s3://bucket/path")
        .hasMessageContaining(
            "catalog.s3.endpoint was '127.0.0.1:9000' but it must be an http:// or https:// URL")
        .hasMessageContaining(
            "catalog.s3.path_style_access was 'yes please' but it must be true or false")
        .hasMessageContaining(
            "catalog.s3.secret_access_key is missing but access_key_id and secret_access_key go"
                + " together")
        .hasMessageContaining("catalog.s3.sesion_token is not a known setting");
  }

  @Test
  void s3SettingsOnALocalWarehouseAreReported() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    catalog:
                      warehouse: lake
                      s3: {endpoint: "http://127.0.0.1:9000"}
                    """,
                    Map.of()))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "catalog.s3 is set but catalog.warehouse was '/projects/cars/lake': S3 settings serve"
                + " an s3://bucket/path warehouse");
  }
}
