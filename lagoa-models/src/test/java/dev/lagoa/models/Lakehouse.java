package dev.lagoa.models;

import dev.lagoa.core.config.CatalogConfig;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.QuerySchemas;
import dev.lagoa.duckdb.TableViews;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.WriteMode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/** A real catalog in a temporary directory and a real DuckDB engine, as the models see them. */
final class Lakehouse implements AutoCloseable {
  final LakeCatalog catalog;
  final DuckEngine engine;
  final Clock clock = Clock.systemUTC();

  Lakehouse(Path warehouse) {
    catalog =
        LakeCatalog.open(
            new CatalogConfig(
                "lagoa",
                "jdbc:sqlite:" + warehouse.resolve("catalog.db"),
                warehouse.toString(),
                Map.of()));
    engine = DuckEngine.open();
  }

  ModelRunner runner() {
    return new ModelRunner(engine, catalog, clock);
  }

  /**
   * Appends the rows of a DuckDB query to a table, creating it with the query's columns if needed.
   */
  Table append(String table, String query) {
    Table target =
        catalog
            .find(table)
            .orElseGet(
                () ->
                    catalog.create(
                        table,
                        QuerySchemas.schemaOf(engine, query),
                        PartitionSpec.unpartitioned()));
    new TableWriter(engine, clock)
        .write(target, query, WriteMode.APPEND, dev.lagoa.iceberg.commit.LagoaSummary.empty());
    target.refresh();
    return target;
  }

  Table table(String name) {
    Table table = catalog.load(name);
    table.refresh();
    return table;
  }

  /**
   * The first column of every row of {@code select} run over the table's current data, as {@code
   * t}.
   */
  List<String> query(String table, String select) {
    Table loaded = table(table);
    return engine.queryStrings(
        select.replace(
            "{t}",
            "("
                + TableViews.relation(loaded, loaded.currentSnapshot(), Expressions.alwaysTrue())
                + ")"));
  }

  /** The data files of a table's current snapshot. */
  List<DataFile> files(String table) {
    Table loaded = table(table);
    List<DataFile> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = loaded.newScan().planFiles()) {
      tasks.forEach(task -> files.add(task.file()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return files;
  }

  @Override
  public void close() {
    engine.close();
    catalog.close();
  }
}
