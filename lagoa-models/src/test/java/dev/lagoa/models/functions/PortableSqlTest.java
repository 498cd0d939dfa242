package dev.lagoa.models.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PortableSqlTest {
  @Test
  void timestampSecondsIsATimestampWithoutTimeZoneOnSparkAsOnDuckDb() {
    assertThat(
            PortableSql.forSpark(
                "SELECT timestamp_seconds(CAST(ts AS BIGINT)) AS t, 'timestamp_seconds(x)' FROM r"))
        .isEqualTo(
            "SELECT CAST(timestamp_seconds(CAST(ts AS BIGINT)) AS TIMESTAMP_NTZ) AS t,"
                + " 'timestamp_seconds(x)' FROM r");
  }

  @Test
  void timestampSecondsStaysAsWrittenOnDuckDb() {
    assertThat(PortableSql.rewrite("SELECT timestamp_seconds(ts) FROM r"))
        .isEqualTo("SELECT timestamp_seconds(ts) FROM r");
  }
}
