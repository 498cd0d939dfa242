package dev.lagoa.duckdb;

import java.nio.file.Path;

/** The embedded default: a SQLite catalog file in the warehouse. */
class SqliteCatalogTest extends TableContractTest {
  @Override
  String catalogUri(Path warehouse) {
    return "jdbc:sqlite:" + warehouse.resolve("catalog.db");
  }
}
