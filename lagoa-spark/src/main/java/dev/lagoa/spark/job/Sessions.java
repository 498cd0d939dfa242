package dev.lagoa.spark.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/** Opens the Spark session of a Lagoa project. */
final class Sessions {
  private Sessions() {}

  /**
   * A session whose default catalog is the project's Iceberg JDBC catalog, under the same name as
   * Lagoa's ({@code catalog.name}: the JDBC catalog keeps the name in every row), so model SQL
   * names tables as {@code silver.car_readings} on both engines.
   *
   * <p>Timestamps without a zone are Spark's {@code TIMESTAMP_NTZ}, as DuckDB's {@code TIMESTAMP}:
   * a model's {@code to_timestamp} column gets the same Iceberg type ({@code timestamp}) on both
   * engines, and the session's zone is UTC as Lagoa's.
   */
  static SparkSession start(JsonNode request) {
    JsonNode catalog = request.path("catalog");
    String name = catalog.path("name").asText();
    String prefix = "spark.sql.catalog." + name;
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(request.path("app_name").asText("lagoa"))
            .master(request.path("master").asText("local[*]"))
            .config(
                "spark.sql.extensions",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
            .config(prefix, "org.apache.iceberg.spark.SparkCatalog")
            .config(prefix + ".type", "jdbc")
            .config(prefix + ".uri", catalog.path("uri").asText())
            .config(prefix + ".warehouse", catalog.path("warehouse").asText())
            .config(prefix + ".jdbc.schema-version", "V1")
            // Lagoa commits to the same tables from its own JVM: never serve a stale cached table.
            .config(prefix + ".cache-enabled", "false")
            .config("spark.sql.defaultCatalog", name)
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.timestampType", "TIMESTAMP_NTZ")
            // Lagoa's portable SQL has Spark's non-ANSI semantics (a value that does not parse is
            // NULL, as in DuckDB's try_ functions); Spark 4 turned ANSI mode on by default.
            .config("spark.sql.ansi.enabled", "false")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false");
    for (Iterator<Map.Entry<String, JsonNode>> it = catalog.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      builder.config(prefix + "." + property.getKey(), property.getValue().asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = request.path("conf").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> setting = it.next();
      builder.config(setting.getKey(), setting.getValue().asText());
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    spark
        .udf()
        .register(
            "lagoa_to_timestamp",
            (UDF2<String, String, LocalDateTime>) DatePatterns::parseTimestamp,
            DataTypes.TimestampNTZType);
    spark
        .udf()
        .register(
            "lagoa_to_date",
            (UDF2<String, String, LocalDate>) DatePatterns::parseDate,
            DataTypes.DateType);
    return spark;
  }
}
