package dev.lagoa.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.core.config.SchemaPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers beyond long's or double's range are rescued with all their digits, and counted. */
class OutOfRangeNumbersTest extends LoaderFixture {
  private static final SchemaOptions HINTED =
      new SchemaOptions(
          SchemaPolicy.EVOLVE, 1000, Map.of("id", "long", "v", "double", "n", "long"));

  @Test
  void jsonNumbersBeyondLongOrDoubleAreCountedApartFromOtherRescuedValues() throws Exception {
    write(
        "numbers.ndjson",
        """
        {"id":1,"v":1.5,"n":7}
        {"id":2,"v":1e400,"n":8}
        {"id":3,"v":2.5,"n":99999999999999999999999}
        {"id":4,"v":"text","n":9}
        """);

    LoadReport report = load(source(landing, FileFormat.NDJSON, HINTED, CsvOptions.DEFAULT, 0));

    assertThat(report.rowsLoaded()).isEqualTo(4);
    assertThat(report.rowsRescued()).isEqualTo(3);
    assertThat(report.rowsOutOfRange()).isEqualTo(2);
    assertThat(rows("bronze.titles", "id || ' ' || coalesce(_rescued_data, '-')"))
        .containsExactly(
            "1 -", "2 {\"v\":1E+400}", "3 {\"n\":99999999999999999999999}", "4 {\"v\":\"text\"}");
    assertThat(
            catalog
                .load("bronze.titles")
                .currentSnapshot()
                .summary()
                .get("lagoa.ingest.out-of-range"))
        .isEqualTo("2");
  }

  @Test
  void csvTextReadingAsANumberBeyondRangeIsCounted() throws Exception {
    write("numbers.csv", "id,v,n\n1,1.5,7\n2,1e400,8\n3,2.5,99999999999999999999\n4,abc,9\n");

    LoadReport report = load(source(landing, FileFormat.CSV, HINTED, CsvOptions.DEFAULT, 0));

    assertThat(report.rowsRescued()).isEqualTo(3);
    assertThat(report.rowsOutOfRange()).isEqualTo(2);
  }

  @Test
  void aNumberWhoseExponentNoJavaNumberHoldsIsRescuedAsWrittenWithoutStoppingTheBatch()
      throws Exception {
    // Found by ./lagoa-bench/run fuzz 10000 (seed 2026, round 174): BigDecimal refuses the
    // exponent, and the whole batch failed.
    write(
        "huge.ndjson",
        """
        {"id":1,"v":999999999E9999999999999,"n":7}
        {"id":2,"v":2.5,"n":8}
        """);

    LoadReport report = load(source(landing, FileFormat.NDJSON, HINTED, CsvOptions.DEFAULT, 0));

    assertThat(report.rowsLoaded()).isEqualTo(2);
    assertThat(report.rowsOutOfRange()).isEqualTo(1);
    assertThat(rows("bronze.titles", "id || ' ' || coalesce(_rescued_data, '-')"))
        .containsExactly("1 {\"v\":\"999999999E9999999999999\"}", "2 -");
  }
}
