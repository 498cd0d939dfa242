package dev.lagoa.api.sql;

import dev.lagoa.core.config.ApiSqlSettings;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.DuckTypes;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.LocalFileIO;
import dev.lagoa.models.functions.SparkFunctions;
import dev.lagoa.models.materialize.Relations;
import dev.lagoa.models.project.ModelProject;
import dev.lagoa.runtime.SqlQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Runs user SQL that can read the project's tables and nothing else: the SQL endpoint and {@code
 * lagoa sql --safe}. Each query gets a fresh in-memory DuckDB with a view per catalog table (and
 * the project's view models), then external access is switched off except for the tables' data
 * directories and the configuration is locked, so a query can neither read other files (the catalog
 * database with its password hashes included) nor write, attach, install or load anything nor
 * loosen those settings. The statement is checked by {@link StatementCheck} first; a query over the
 * time limit is cancelled; rows beyond the row limit are cut.
 */
public final class SafeQueries implements AutoCloseable {
  private final LakeCatalog catalog;
  private final Path projectDirectory;
  private final ApiSqlSettings limits;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "lagoa-sql-timeout");
            thread.setDaemon(true);
            return thread;
          });

  public SafeQueries(LakeCatalog catalog, Path projectDirectory, ApiSqlSettings limits) {
    this.catalog = catalog;
    this.projectDirectory = projectDirectory;
    this.limits = limits;
  }

  public ApiSqlSettings limits() {
    return limits;
  }

  /** Runs {@code sql} with at most {@code maxRows} rows (and never more than the limit). */
  public SafeResult run(String sql, int maxRows) {
    int rowLimit = Math.min(maxRows, limits.maxRows());
    try (DuckEngine engine = DuckEngine.open()) {
      StatementCheck.check(engine.connection(), sql, limits.maxQueryBytes());
      exposeTables(engine);
      lockDown(engine);
      return execute(engine, sql, rowLimit);
    }
  }

  private void exposeTables(DuckEngine engine) {
    SparkFunctions.register(engine);
    SqlQueries.exposeTables(catalog, engine, null);
    if (Files.isDirectory(projectDirectory.resolve(ModelProject.MODELS_DIRECTORY))) {
      new Relations(ModelProject.load(projectDirectory), catalog, engine).defineAll();
    }
  }

  private void lockDown(DuckEngine engine) {
    StringJoiner directories = new StringJoiner(", ", "[", "]");
    for (String directory : dataDirectories()) {
      directories.add(DuckTypes.literal(directory));
    }
    engine.execute("SET allowed_directories = " + directories);
    engine.execute("SET enable_external_access = false");
    engine.execute("SET memory_limit = '1GB'");
    engine.execute("SET lock_configuration = true");
  }

  /** Where the tables' data files are: the only places a query may read. */
  private Set<String> dataDirectories() {
    Set<String> directories = new LinkedHashSet<>();
    for (TableIdentifier id : catalog.tables()) {
      Table table = catalog.load(id.toString());
      String location = table.location();
      if (location.startsWith("file:") || location.startsWith("/")) {
        Path path = location.startsWith("file:") ? LocalFileIO.toPath(location) : Path.of(location);
        directories.add(path.resolve("data") + "/");
      }
    }
    return directories;
  }

  private SafeResult execute(DuckEngine engine, String sql, int rowLimit) {
    AtomicBoolean timedOut = new AtomicBoolean();
    try (PreparedStatement statement = engine.connection().prepareStatement(sql)) {
      ScheduledFuture<?> cancel =
          timer.schedule(
              () -> {
                timedOut.set(true);
                try {
                  statement.cancel();
                } catch (SQLException e) {
                  // the query ended meanwhile
                }
              },
              limits.timeout().toMillis(),
              TimeUnit.MILLISECONDS);
      try (ResultSet result = statement.executeQuery()) {
        ResultSetMetaData meta = result.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnLabel(i));
          types.add(meta.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (result.next()) {
          if (rows.size() == rowLimit) {
            truncated = true;
            break;
          }
          List<Object> row = new ArrayList<>(columns.size());
          for (int i = 1; i <= columns.size(); i++) {
            row.add(result.getObject(i));
          }
          rows.add(row);
        }
        return new SafeResult(columns, types, rows, truncated);
      } finally {
        cancel.cancel(false);
      }
    } catch (SQLException e) {
      if (timedOut.get()) {
        throw new QueryTimedOut(limits.timeout());
      }
      String message = e.getMessage() == null ? "" : e.getMessage().strip();
      int newline = message.indexOf('\n');
      throw StatementCheck.refused(newline < 0 ? message : message.substring(0, newline));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
