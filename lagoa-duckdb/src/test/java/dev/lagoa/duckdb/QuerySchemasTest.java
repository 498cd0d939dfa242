package dev.lagoa.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.iceberg.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QuerySchemasTest {
  private DuckEngine engine;

  @BeforeEach
  void open() {
    engine = DuckEngine.open();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void everyDuckDbResultTypeMapsToAnIcebergType() {
    Schema schema =
        QuerySchemas.schemaOf(
            engine,
            """
        SELECT 1::TINYINT AS tiny, 1::INTEGER AS i, 1::BIGINT AS big, 1::HUGEINT AS huge, 1.5::FLOAT AS f,
               1.5::DOUBLE AS d, 1.25::DECIMAL(10, 2) AS price, 'x' AS s, true AS b, DATE '2025-10-29' AS day,
               TIMESTAMP '2025-10-29 11:00:00' AS ts, TIMESTAMPTZ '2025-10-29 11:00:00+00' AS tstz,
               TIME '11:00:00' AS t, 'x'::BLOB AS bytes, uuid() AS id,
               {'engine': 90.5::DOUBLE, 'trip': {'km': 12, "odd name": 'a'}} AS metrics,
               [1, 2] AS numbers, [{'a': 1}] AS structs, MAP {'k': 1} AS tags
        """);

    assertThat(schema.columns())
        .extracting(column -> column.name() + ": " + column.type())
        .containsExactly(
            "tiny: int",
            "i: int",
            "big: long",
            "huge: decimal(38, 0)",
            "f: float",
            "d: double",
            "price: decimal(10, 2)",
            "s: string",
            "b: boolean",
            "day: date",
            "ts: timestamp",
            "tstz: timestamptz",
            "t: time",
            "bytes: binary",
            "id: uuid",
            "metrics: struct<16: engine: optional double, 19: trip: optional struct<17: km: optional int, 18: odd name: optional string>>",
            "numbers: list<int>",
            "structs: list<struct<23: a: optional int>>",
            "tags: map<string, int>");
  }

  @Test
  void aTypeIcebergCannotStoreIsAnErrorNamingTheColumn() {
    assertThatThrownBy(() -> QuerySchemas.schemaOf(engine, "SELECT INTERVAL 1 DAY AS wait"))
        .hasMessage(
            "Cannot store column wait of type INTERVAL in a table: Iceberg has no type for DuckDB's INTERVAL");
  }
}
