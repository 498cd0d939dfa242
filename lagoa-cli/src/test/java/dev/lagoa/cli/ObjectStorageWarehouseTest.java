package dev.lagoa.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lagoa.core.config.Engine;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.ingest.LoadListener;
import dev.lagoa.ingest.LoadReport;
import dev.lagoa.models.ModelRunReport;
import dev.lagoa.models.dag.Selection;
import dev.lagoa.models.spark.SparkJobClasspath;
import dev.lagoa.runtime.Lakehouse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A project whose warehouse is {@code s3://lake/warehouse} on a real S3 API server (S3Proxy on
 * 127.0.0.1, files on disk) runs end to end through the real CLI: {@code lagoa run --engine spark}
 * in its own process loads its files source (a local landing folder, one malformed line among the
 * readings) into the bronze table on Spark, then builds an incremental and a table model on Spark
 * (its job in a third JVM, with S3FileIO); Lagoa commits the ledger, its typed summaries and
 * bookmark, and tests run on DuckDB over local copies of the files. The embedded DuckDB engine
 * reads the tables the same way and writes them by uploading the files it writes locally.
 *
 * <p>One S3 server and one Spark job (one {@code lagoa run}) serve the whole class; its tests run
 * in order on the tables the run built.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObjectStorageWarehouseTest {
  private static final String KEY = "lagoa-test-key";
  private static final String SECRET = "lagoa-test-secret-0123456789";
  private static final Map<String, String> ENVIRONMENT =
      Map.of("TEST_S3_KEY", KEY, "TEST_S3_SECRET", SECRET);

  @TempDir static Path workspace;
  private static S3Proxy s3;
  private static Path blobs;
  private static Path project;
  private static String runOutput;
  private static int runExitCode;

  @BeforeAll
  static void startS3LandReadingsAndRunTheCliOnSpark() throws Exception {
    blobs = Files.createDirectories(workspace.resolve("s3"));
    s3 =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
            .build();
    s3.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(s3.getState()));
    String endpoint = "http://127.0.0.1:" + s3.getPort();
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
            .build()) {
      client.createBucket(bucket -> bucket.bucket("lake"));
    }

    project = Files.createDirectories(workspace.resolve("sensors"));
    String classpath = SparkJobClasspath.ofBuild(Path.of("..", "lagoa-spark").toAbsolutePath());
    Files.writeString(
        project.resolve("lagoa.yaml"),
        """
        name: sensors
        catalog:
          warehouse: s3://lake/warehouse
          s3:
            endpoint: %s
            path_style_access: true
            access_key_id: ${TEST_S3_KEY}
            secret_access_key: ${TEST_S3_SECRET}
        spark:
          master: local[2]
          driver_memory: 1g
          job_classpath: "%s"
          conf:
            spark.sql.shuffle.partitions: "2"
        sources:
          readings:
            type: files
            path: landing
            format: ndjson
            pattern: "*.jsonl"
            table: bronze.readings
            schema:
              hints: {reading_ts: timestamp, celsius: double}
        """
            .formatted(endpoint, classpath));
    Path models = Files.createDirectories(project.resolve("models"));
    Files.writeString(
        models.resolve("readings.sql"),
        """
        /* lagoa:
        materialized: incremental
        table: silver.readings
        unique_key: [sensor, day]
        order_by: reading_ts DESC
        partition_by: [day]
        write_mode: overwrite_partitions
        expectations:
          - name: plausible_temperature
            expect: celsius < 60
            on_failure: warn
        tests:
          - not_null: [sensor, day]
          - unique: [sensor, day]
        */
        SELECT sensor, CAST(reading_ts AS DATE) AS day, reading_ts, celsius, upper(site) AS site
        FROM {{ source('bronze', 'readings') }}
        """);
    Files.writeString(
        models.resolve("site_maxima.sql"),
        """
        /* lagoa:
        materialized: table
        table: gold.site_maxima
        */
        SELECT site, max(celsius) AS max_celsius, count(*) AS days
        FROM {{ ref('readings') }}
        GROUP BY site
        """);
    Files.writeString(
        models.resolve("cool_readings.sql"),
        """
        /* lagoa:
        materialized: table
        table: gold.cool_readings
        expectations:
          - name: below_sixty
            expect: celsius < 60
            on_failure: drop
        */
        SELECT sensor, day, celsius FROM {{ ref('readings') }}
        """);

    // The landing folder is local; the bronze table it loads into is in the bucket.
    Path landing = Files.createDirectories(project.resolve("landing"));
    Files.writeString(
        landing.resolve("readings-2026-11-02.jsonl"),
        """
        {"sensor": "s1", "reading_ts": "2026-11-01T08:00:00", "celsius": 21.5, "site": "lisbon"}
        {"sensor": "s1", "reading_ts": "2026-11-01T09:00:00", "celsius": 23.0, "site": "lisbon"}
        {"sensor": "s2", "reading_ts": "2026-11-01T10:00:00", "celsius": 61, "site": "porto"}
        {"sensor": "s3", "reading_ts": "2026-11-02T07
        {"sensor": "s1", "reading_ts": "2026-11-02T07:30:00", "celsius": 19, "site": "lisbon"}
        """);

    runCli("run", "--project", project.toString(), "--engine", "spark");
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) {
      s3.stop();
    }
  }

  @Test
  @Order(1)
  void lagoaRunWithEngineSparkBuildsTheModelsOnTheS3WarehouseAndReportsThem() {
    assertThat(runExitCode).as(runOutput).isZero();
    assertThat(runOutput)
        .contains("BUILT        readings (4 in, 3 out, 0 dropped)")
        .contains("BUILT        site_maxima")
        .contains("cool_readings (3 in, 2 out, 1 dropped)")
        .contains("on Spark")
        .contains("plausible_temperature");
  }

  @Test
  @Order(2)
  void theFilesSourceLoadsIntoTheBucketOnSparkWithItsLedgerAndQuarantine() {
    assertThat(runOutput)
        .contains(
            "readings -> bronze.readings: 1 new file(s), 4 rows loaded, 0 rescued, 1 quarantined;"
                + " 0 file(s) already loaded");
    try (Lakehouse lake = Lakehouse.open(loader().load(project), Clock.systemUTC())) {
      Table bronze = lake.catalog().load("bronze.readings");
      assertThat(bronze.location()).startsWith("s3://lake/warehouse/");
      assertThat(bronze.refs().keySet()).containsExactly("main");
      assertThat(bronze.currentSnapshot().summary())
          .containsEntry("lagoa.ingest.source", "readings")
          .containsEntry("lagoa.ingest.rows", "4")
          .containsEntry("lagoa.ingest.quarantined", "1");
      assertThat(
              rows(
                  lake,
                  "SELECT sensor, CAST(reading_ts AS VARCHAR), celsius, site, _line"
                      + " FROM bronze.readings ORDER BY _line"))
          .containsExactly(
              "s1|2026-11-01 08:00:00|21.5|lisbon|1",
              "s1|2026-11-01 09:00:00|23.0|lisbon|2",
              "s2|2026-11-01 10:00:00|61.0|porto|3",
              "s1|2026-11-02 07:30:00|19.0|lisbon|5");
      assertThat(rows(lake, "SELECT _line, reason FROM bronze.readings_quarantine"))
          .singleElement()
          .asString()
          .startsWith("4|");
      assertThat(filesUnder(blobs.resolve("lake/warehouse/bronze")))
          .anyMatch(name -> name.contains("readings_quarantine") && name.endsWith(".parquet"));
    }
  }

  @Test
  @Order(3)
  void theTablesHoldTheRowsWrittenWithTheirCommitSummaryAndBookmark() {
    try (Lakehouse lake = Lakehouse.open(loader().load(project), Clock.systemUTC())) {
      assertThat(
              rows(
                  lake,
                  "SELECT sensor, day, CAST(reading_ts AS VARCHAR), celsius, site FROM silver.readings"
                      + " ORDER BY sensor, day"))
          .containsExactly(
              "s1|2026-11-01|2026-11-01 09:00:00|23.0|LISBON",
              "s1|2026-11-02|2026-11-02 07:30:00|19.0|LISBON",
              "s2|2026-11-01|2026-11-01 10:00:00|61.0|PORTO");
      assertThat(rows(lake, "SELECT site, max_celsius, days FROM gold.site_maxima ORDER BY site"))
          .containsExactly("LISBON|23.0|2", "PORTO|61.0|1");
      // A drop expectation on Spark: the row goes to the model quarantine, in the bucket too.
      assertThat(rows(lake, "SELECT sensor, celsius FROM gold.cool_readings ORDER BY day"))
          .containsExactly("s1|23.0", "s1|19.0");
      assertThat(rows(lake, "SELECT model, expectation, row_json FROM quarantine.model_rows"))
          .singleElement()
          .asString()
          .startsWith("cool_readings|below_sixty|")
          .contains("\"sensor\":\"s2\"");
      assertThat(lake.catalog().load("quarantine.model_rows").location())
          .startsWith("s3://lake/warehouse/");

      long bronzeSnapshot = lake.catalog().load("bronze.readings").currentSnapshot().snapshotId();
      Table silver = lake.catalog().load("silver.readings");
      assertThat(silver.location()).startsWith("s3://lake/warehouse/");
      Map<String, String> summary = silver.currentSnapshot().summary();
      assertThat(summary)
          .containsEntry("lagoa.model.name", "readings")
          .containsEntry("lagoa.model.upstream.bronze.readings", Long.toString(bronzeSnapshot));
    }
  }

  @Test
  @Order(4)
  void theDataAndMetadataAreInTheBucketAndNothingInTheProject() throws IOException {
    Path warehouse = blobs.resolve("lake").resolve("warehouse");
    assertThat(filesUnder(warehouse.resolve("silver")))
        .anyMatch(name -> name.endsWith(".parquet"))
        .anyMatch(name -> name.endsWith(".metadata.json"));
    assertThat(filesUnder(warehouse.resolve("gold"))).anyMatch(name -> name.endsWith(".parquet"));
    assertThat(project.resolve("warehouse")).doesNotExist();
    assertThat(project.resolve("catalog.db")).exists();
  }

  @Test
  @Order(5)
  void theEmbeddedDuckDbEngineBuildsOnObjectStorageByUploadingWhatItWrites() throws IOException {
    try (Lakehouse lake = Lakehouse.open(loader().load(project), Clock.systemUTC())) {
      ModelRunReport report = lake.runModels(Selection.parse("readings"), true, Engine.DUCKDB);

      assertThat(report.succeeded()).as(report.summary()).isTrue();
      assertThat(
              rows(
                  lake,
                  "SELECT sensor, day, celsius, site FROM silver.readings ORDER BY sensor, day"))
          .containsExactly(
              "s1|2026-11-01|23.0|LISBON", "s1|2026-11-02|19.0|LISBON", "s2|2026-11-01|61.0|PORTO");
      Table silver = lake.catalog().load("silver.readings");
      List<String> written = new ArrayList<>();
      silver.currentSnapshot().addedDataFiles(silver.io()).forEach(f -> written.add(f.location()));
      assertThat(written)
          .isNotEmpty()
          .allSatisfy(location -> assertThat(location).startsWith("s3://lake/warehouse/silver/"));
      for (String location : written) {
        assertThat(blobs.resolve(location.substring("s3://".length()))).exists();
      }

      // The loader on DuckDB too: a new file lands in the bucket, its ledger in the commit.
      Files.writeString(
          project.resolve("landing/readings-2026-11-03.jsonl"),
          "{\"sensor\": \"s4\", \"reading_ts\": \"2026-11-03T06:00:00\", \"celsius\": 12,"
              + " \"site\": \"faro\"}\n");
      FilesSourceConfig source = lake.source("readings", FilesSourceConfig.class);
      LoadReport load = lake.load(source, LoadListener.NONE, Engine.DUCKDB);
      LoadReport again = lake.load(source, LoadListener.NONE, Engine.DUCKDB);

      assertThat(load.filesLoaded()).isEqualTo(1);
      assertThat(again.filesLoaded()).isZero();
      assertThat(rows(lake, "SELECT sensor, celsius FROM bronze.readings WHERE site = 'faro'"))
          .containsExactly("s4|12.0");
      Table bronze = lake.catalog().load("bronze.readings");
      bronze
          .currentSnapshot()
          .addedDataFiles(bronze.io())
          .forEach(
              file ->
                  assertThat(blobs.resolve(file.location().substring("s3://".length()))).exists());
    }
    assertThat(project.resolve("warehouse")).doesNotExist();
  }

  private static ProjectConfigLoader loader() {
    return new ProjectConfigLoader(name -> ENVIRONMENT.getOrDefault(name, System.getenv(name)));
  }

  /** Runs the lagoa CLI in its own JVM, as a user would, with the S3 keys in its environment. */
  private static void runCli(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-Xmx768m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(arguments));
    Path log = project.resolve("cli.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(ENVIRONMENT);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    runExitCode = process.exitValue();
    runOutput = Files.readString(log);
  }

  private static List<String> rows(Lakehouse lake, String query) {
    List<String> rows = new ArrayList<>();
    for (List<String> row : lake.sql(query, null, Integer.MAX_VALUE).rows()) {
      rows.add(String.join("|", row.stream().map(String::valueOf).toList()));
    }
    return rows;
  }

  private static List<String> filesUnder(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
