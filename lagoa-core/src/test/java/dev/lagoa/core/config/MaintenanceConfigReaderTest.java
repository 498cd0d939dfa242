package dev.lagoa.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaintenanceConfigReaderTest {
  private static ProjectConfig parse(String yaml) {
    return new ProjectConfigLoader(name -> null).parse(Path.of("/p"), "lagoa.yaml", yaml);
  }

  @Test
  void aProjectWithoutMaintenanceSettingsGetsTheDefaults() {
    MaintenanceOptions options = parse("sources: {}").maintenance().forTable("bronze.x");

    assertThat(options.targetFileSizeBytes()).isEqualTo(128L * 1024 * 1024);
    assertThat(options.expireOlderThan()).isEqualTo(Duration.ofDays(7));
    assertThat(options.keepLast()).isEqualTo(1);
    assertThat(options.orphanGrace()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void aTableOverridesOnlyTheSettingsItNamesAndInheritsTheProjectsOthers() {
    MaintenanceConfig config =
        parse(
                """
                maintenance:
                  target_file_size: 64MB
                  expire_older_than: 12h
                  keep_last: 3
                  tables:
                    bronze.readings: {target_file_size: 1GB, orphan_grace: 30m}
                """)
            .maintenance();

    assertThat(config.forTable("bronze.other"))
        .isEqualTo(new MaintenanceOptions(64L << 20, Duration.ofHours(12), 3, Duration.ofDays(3)));
    assertThat(config.forTable("bronze.readings"))
        .isEqualTo(
            new MaintenanceOptions(1L << 30, Duration.ofHours(12), 3, Duration.ofMinutes(30)));
  }

  @Test
  void everyWrongMaintenanceSettingIsReportedWithItsPath() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    maintenance:
                      target_file_size: huge
                      expire_older_than: soon
                      keep_last: 0
                      tables:
                        readings: {orphan_grace: 5}
                    """))
        .isInstanceOf(LagoaException.class)
        .hasMessageContaining("maintenance.target_file_size was 'huge' but it must be a size")
        .hasMessageContaining("maintenance.expire_older_than was 'soon' but it must be a duration")
        .hasMessageContaining("maintenance.keep_last was '0' but it must be at least 1")
        .hasMessageContaining("maintenance.tables.readings names table 'readings'")
        .hasMessageContaining("maintenance.tables.readings.orphan_grace was '5'");
  }
}
