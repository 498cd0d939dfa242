package dev.lagoa.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.iceberg.commit.LagoaSummary;
import dev.lagoa.iceberg.maintain.SnapshotExpiry;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.expect.Quarantine;
import dev.lagoa.models.project.ModelProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows dropped by expectations follow the loader's quarantine design: the model's commit lists
 * them, the quarantine commit names that commit, and a crash between the two is repaired by the
 * next build, once.
 */
class ModelQuarantineRecoveryTest {
  private static final String MODEL =
      """
      /* lagoa:
      materialized: incremental
      table: silver.readings
      expectations:
        - {name: positive_mileage, expect: mileage > 0, on_failure: drop}
      */
      SELECT id, mileage FROM {{ source('bronze', 'readings') }}
      """;

  @TempDir Path directory;
  private Lakehouse lake;
  private ModelProject project;

  @BeforeEach
  void open() {
    lake = new Lakehouse(directory.resolve("warehouse"));
    project =
        ModelProject.load(
            new ProjectFiles(directory.resolve("project"))
                .model("readings.sql", MODEL)
                .directory());
  }

  @AfterEach
  void close() {
    lake.close();
  }

  private void build(String values) {
    lake.append("bronze.readings", "SELECT * FROM (VALUES " + values + ") AS t(id, mileage)");
    ModelRunReport report = lake.runner().run(project, Selection.all(), false);
    assertThat(report.succeeded()).as(report.summary()).isTrue();
  }

  private java.util.List<String> quarantined() {
    return lake.query(Quarantine.TABLE, "SELECT CAST(row_json AS VARCHAR) FROM {t} ORDER BY 1");
  }

  @Test
  void theModelCommitListsItsQuarantineFilesAndTheQuarantineCommitNamesIt() {
    build("(1, 100), (2, -5)");

    Snapshot model = lake.table("silver.readings").currentSnapshot();
    Snapshot quarantine = lake.table(Quarantine.TABLE).currentSnapshot();
    assertThat(LagoaSummary.of(model).quarantineFiles()).hasSize(1);
    assertThat(LagoaSummary.of(quarantine).quarantineFor()).hasValue(model.snapshotId());
    assertThat(quarantined()).containsExactly("{\"id\":2,\"mileage\":-5}");
  }

  @Test
  void aCrashBetweenTheModelCommitAndTheQuarantineCommitIsRepairedOnceByTheNextBuild() {
    build("(1, -1)");
    build("(2, -5)");
    // The state a crash right after the model's commit leaves: the quarantine commit never landed.
    Table quarantine = lake.table(Quarantine.TABLE);
    quarantine.manageSnapshots().rollbackTo(quarantine.currentSnapshot().parentId()).commit();
    assertThat(quarantined()).containsExactly("{\"id\":1,\"mileage\":-1}");

    build("(3, 300)");
    build("(4, 400)");

    assertThat(quarantined())
        .containsExactly("{\"id\":1,\"mileage\":-1}", "{\"id\":2,\"mileage\":-5}");
    assertThat(lake.query("silver.readings", "SELECT id FROM {t} ORDER BY id"))
        .containsExactly("3", "4");
  }

  @Test
  void recoveryDoesNotQuarantineTwiceAfterTheQuarantineTablesClaimsWereExpired() {
    build("(1, -1)");
    build("(2, -2)");
    Table quarantine = lake.table(Quarantine.TABLE);
    SnapshotExpiry.expire(quarantine, Duration.ZERO, 1, Clock.systemUTC());
    // Only the second build's claim is left; the first build's files are held all the same.

    build("(3, 300)");

    assertThat(lake.table(Quarantine.TABLE).snapshots()).hasSize(1);
    assertThat(quarantined())
        .containsExactly("{\"id\":1,\"mileage\":-1}", "{\"id\":2,\"mileage\":-2}");
  }
}
