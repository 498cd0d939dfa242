package dev.lagoa.ingest;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.core.config.CsvOptions;
import dev.lagoa.core.config.FileFormat;
import dev.lagoa.core.config.FilesSourceConfig;
import dev.lagoa.core.config.SchemaOptions;
import dev.lagoa.core.config.SchemaPolicy;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.iceberg.LakeCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real catalog, engine and landing directory in a temporary folder. */
abstract class LoaderFixture {
  @TempDir Path root;
  Path landing;
  LakeCatalog catalog;
  DuckEngine engine;
  FilesLoader loader;

  @BeforeEach
  void openLake() throws IOException {
    landing = Files.createDirectories(root.resolve("landing"));
    Path warehouse = root.resolve("warehouse");
    catalog =
        LakeCatalog.open(
            new CatalogConfig(
                "lagoa",
                "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                warehouse.toString(),
                Map.of()));
    engine = DuckEngine.open();
    loader = new FilesLoader(catalog, engine, Clock.systemUTC(), 2);
  }

  @AfterEach
  void closeLake() {
    engine.close();
    catalog.close();
  }

  static FilesSourceConfig source(Path landing, FileFormat format, SchemaPolicy policy) {
    return source(landing, format, policy, CsvOptions.DEFAULT, 0);
  }

  static FilesSourceConfig source(
      Path landing, FileFormat format, SchemaPolicy policy, CsvOptions csv, int footerLines) {
    return source(landing, format, new SchemaOptions(policy, 1000, Map.of()), csv, footerLines);
  }

  static FilesSourceConfig source(
      Path landing, FileFormat format, SchemaOptions schema, CsvOptions csv, int footerLines) {
    return new FilesSourceConfig(
        "titles",
        landing,
        "**",
        format,
        "bronze.titles",
        schema,
        csv,
        footerLines,
        List.of(),
        10_000,
        64 << 20);
  }

  LoadReport load(FilesSourceConfig source) {
    return loader.load(source, LoadListener.NONE);
  }

  Path write(String name, String text) throws IOException {
    Path file = landing.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  Path writeGzip(String name, byte[] bytes) throws IOException {
    Path file = landing.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(bytes);
    }
    return file;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Rows of {@code table} as strings produced by {@code expression}, sorted. */
  List<String> rows(String table, String expression) {
    Table loaded = catalog.load(table);
    return engine.queryStrings(
        "SELECT CAST("
            + expression
            + " AS VARCHAR) AS v FROM ("
            + TableViews.relation(loaded, loaded.currentSnapshot(), Expressions.alwaysTrue())
            + ") ORDER BY v");
  }

  long count(String table) {
    Table loaded = catalog.load(table);
    return engine.queryLong(
        "SELECT count(*) FROM ("
            + TableViews.relation(loaded, loaded.currentSnapshot(), Expressions.alwaysTrue())
            + ")");
  }
}
