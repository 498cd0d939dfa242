package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresCdcSourceConfigTest {
  private static final Path PROJECT = Path.of("/projects/movielens");

  private static ProjectConfig parse(String yaml, Map<String, String> environment) {
    return new ProjectConfigLoader(environment::get).parse(PROJECT, "lagoa.yaml", yaml);
  }

  @Test
  void aSourceWithoutUrlUsesAnEmbeddedServerInsideTheProjectAndTheSecretComesFromTheEnvironment() {
    PostgresCdcSourceConfig source =
        (PostgresCdcSourceConfig)
            parse(
                    """
                    sources:
                      movielens:
                        type: postgres-cdc
                        password: ${PG_PASSWORD}
                        schema: movielens_database
                        tables: [movies, ratings]
                        namespace: movielens_raw
                        batch: {interval_ms: 250, max_changes: 100}
                        change_log: movielens_raw._changes
                    """,
                    Map.of("PG_PASSWORD", "s3cret"))
                .sources()
                .get("movielens");

    assertThat(source.embedded()).isTrue();
    assertThat(source.password()).isEqualTo("s3cret");
    assertThat(source.tables()).containsExactly("movies", "ratings");
    assertThat(source.slot()).isEqualTo("lagoa_movielens");
    assertThat(source.publication()).isEqualTo("lagoa_movielens");
    assertThat(source.batch()).isEqualTo(new CdcBatchOptions(250, 100));
    assertThat(source.changeLog()).isEqualTo(Optional.of("movielens_raw._changes"));
    assertThat(source.embeddedDataDirectory())
        .isEqualTo(Path.of("/projects/movielens/.lagoa/postgres/movielens"));
  }

  @Test
  void everyProblemOfACdcSourceIsReportedWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    sources:
                      pg:
                        type: postgres-cdc
                        url: mysql://host/db
                        slot: Bad-Slot
                        batch: {interval_ms: 0}
                        change_log: changes
                        without_primary_key: ignore
                    """,
                    Map.of()))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining(
            "sources.pg.url was 'mysql://host/db' but it must be jdbc:postgresql://host:port/database or empty")
        .hasMessageContaining("sources.pg.slot was 'Bad-Slot' but it must hold only a-z, 0-9 and _")
        .hasMessageContaining("sources.pg.namespace is missing but it is required")
        .hasMessageContaining("sources.pg.batch.interval_ms was '0' but it must be at least 1")
        .hasMessageContaining("sources.pg.change_log was 'changes' but it must be namespace.name")
        .hasMessageContaining(
            "sources.pg.without_primary_key was 'ignore' but it must be one of refuse, append-only");
  }
}
