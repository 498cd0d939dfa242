package dev.lagoa.models.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.duckdb.DuckEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SparkFunctionsTest {
  private DuckEngine engine;

  @BeforeEach
  void open() {
    engine = DuckEngine.open();
    SparkFunctions.register(engine);
    SparkFunctions.register(engine); // a second registration is a no-op
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private String value(String sql) {
    return engine.queryStrings("SELECT CAST((" + sql + ") AS VARCHAR)").get(0);
  }

  @Test
  void initcapCapitalizesEveryWordLikeSpark() {
    assertThat(value("initcap('vOLKSWAGEN  do brasil')")).isEqualTo("Volkswagen  Do Brasil");
    assertThat(value("initcap('ford')")).isEqualTo("Ford");
    assertThat(value("initcap(NULL)")).isNull();
  }

  @Test
  void toTimestampParsesJavaPatternsOnTheJavaPathAndTheRewrittenPath() {
    String java =
        "to_timestamp(CAST('Wed, 29 Oct 2025 11:00:00' AS VARCHAR), CAST('EEE, dd MMM yyyy HH:mm:ss' AS VARCHAR))";
    String rewritten =
        PortableSql.rewrite(
            "to_timestamp('Wed, 29 Oct 2025 11:00:00', 'EEE, dd MMM yyyy HH:mm:ss')");

    assertThat(rewritten)
        .isEqualTo(
            "CAST(try_strptime(CAST('Wed, 29 Oct 2025 11:00:00' AS VARCHAR), '%a, %d %b %Y %H:%M:%S') AS TIMESTAMP)");
    assertThat(value(java)).isEqualTo("2025-10-29 11:00:00");
    assertThat(value(rewritten)).isEqualTo("2025-10-29 11:00:00");
  }

  @Test
  void unparseableTextIsNullAsInSpark() {
    assertThat(value("to_timestamp(CAST('yesterday' AS VARCHAR), CAST('yyyy-MM-dd' AS VARCHAR))"))
        .isNull();
    assertThat(value(PortableSql.rewrite("to_date('yesterday', 'yyyy-MM-dd')"))).isNull();
  }

  @Test
  void toDateAndDatediffWork() {
    assertThat(value("to_date(CAST('29/10/25' AS VARCHAR), CAST('dd/MM/yy' AS VARCHAR))"))
        .isEqualTo("2025-10-29");
    assertThat(value(PortableSql.rewrite("to_date('29/10/25', 'dd/MM/yy')")))
        .isEqualTo("2025-10-29");
    assertThat(value("to_date(CAST('2025-10-29' AS VARCHAR))")).isEqualTo("2025-10-29");
    assertThat(value("datediff(DATE '2025-10-29', DATE '2025-10-01')")).isEqualTo("28");
    assertThat(value(PortableSql.rewrite("datediff(DATE '2025-10-29', DATE '2025-10-01')")))
        .isEqualTo("28");
    assertThat(value("timestamp_seconds(964982703)")).isEqualTo("2000-07-30 18:45:03");
  }

  @Test
  void rewritingLeavesStringsCommentsAndOtherCallsAlone() {
    String sql =
        "SELECT 'to_date(x)' AS s, -- to_date(y)\n foo.to_date(z), to_timestamp(a, fmt_column), datediff('day', a, b)";

    assertThat(PortableSql.rewrite(sql)).isEqualTo(sql);
  }

  @Test
  void nestedCallsAreRewrittenInside() {
    assertThat(
            PortableSql.rewrite(
                "CAST(to_timestamp(trim(concat(a, ', x')), 'yyyy-MM-dd''T''HH:mm') AS DATE)"))
        .isEqualTo(
            "CAST(CAST(try_strptime(CAST(trim(concat(a, ', x')) AS VARCHAR), '%Y-%m-%dT%H:%M') AS TIMESTAMP) AS DATE)");
  }
}
