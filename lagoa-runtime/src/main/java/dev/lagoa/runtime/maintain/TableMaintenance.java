package dev.lagoa.runtime.maintain;

import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.MaintenanceConfig;
import dev.lagoa.core.config.MaintenanceOptions;
import dev.lagoa.core.trace.Phase;
import dev.lagoa.duckdb.DuckEngine;
import dev.lagoa.duckdb.TableWriter;
import dev.lagoa.duckdb.maintain.Compaction;
import dev.lagoa.iceberg.LakeCatalog;
import dev.lagoa.iceberg.LocalFileIO;
import dev.lagoa.iceberg.maintain.OrphanFiles;
import dev.lagoa.iceberg.maintain.SnapshotExpiry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Keeps tables small and fast to plan: compacts small files, expires old snapshots, removes orphan
 * files, in that order, each step a commit validated like any other ({@link
 * dev.lagoa.iceberg.commit.TableCommit}). Ledgers and bookmarks are carried by every commit, so a
 * run after maintenance loads and builds nothing that it had not before.
 */
public final class TableMaintenance {
  private final LakeCatalog catalog;
  private final DuckEngine engine;
  private final MaintenanceConfig config;
  private final Clock clock;

  public TableMaintenance(
      LakeCatalog catalog, DuckEngine engine, MaintenanceConfig config, Clock clock) {
    this.catalog = catalog;
    this.engine = engine;
    this.config = config;
    this.clock = clock;
  }

  public List<TableMaintenanceResult> run(MaintenanceRequest request) {
    List<String> names = request.tables();
    if (names.isEmpty()) {
      names = catalog.tables().stream().map(TableIdentifier::toString).toList();
    }
    List<TableMaintenanceResult> results = new ArrayList<>();
    for (String name : names) {
      results.add(maintain(name, request));
    }
    return results;
  }

  private TableMaintenanceResult maintain(String name, MaintenanceRequest request) {
    Phase.MAINTENANCE.enter(name);
    Table table = catalog.load(name);
    String qualified = dev.lagoa.iceberg.commit.TableCommit.nameOf(table);
    MaintenanceOptions options = config.forTable(qualified);
    if (request.expireOlderThan().isPresent()) {
      options = options.withExpireOlderThan(request.expireOlderThan().get());
    }
    upgradeProperties(table);
    long before = dataFiles(table);
    int compacted = 0;
    if (request.compact()) {
      compacted =
          new Compaction(new TableWriter(engine, clock))
              .compact(table, options.targetFileSizeBytes())
              .partitionsRewritten();
    }
    int expired = 0;
    if (request.expire()) {
      expired =
          SnapshotExpiry.expire(table, options.expireOlderThan(), options.keepLast(), clock)
              .snapshotsExpired();
    }
    int orphans = 0;
    if (request.removeOrphans()) {
      orphans = OrphanFiles.remove(table, options.orphanGrace(), clock).filesDeleted();
    }
    table.refresh();
    return new TableMaintenanceResult(
        qualified, before, dataFiles(table), compacted, expired, orphans, metadataBytes(table));
  }

  /** Tables created before Lagoa bounded their metadata get the same properties as new ones. */
  private static void upgradeProperties(Table table) {
    Map<String, String> wanted = LakeCatalog.standardProperties();
    boolean differs =
        wanted.entrySet().stream()
            .anyMatch(e -> !e.getValue().equals(table.properties().get(e.getKey())));
    if (differs) {
      var update = table.updateProperties();
      wanted.forEach(update::set);
      update.commit();
    }
  }

  private static long dataFiles(Table table) {
    Snapshot current = table.currentSnapshot();
    String files = current == null ? null : current.summary().get("total-data-files");
    return files == null ? 0 : Long.parseLong(files);
  }

  private static long metadataBytes(Table table) {
    if (!(table instanceof BaseTable base)) {
      return 0;
    }
    String location = base.operations().current().metadataFileLocation();
    if (location == null || (location.contains("://") && !location.startsWith("file:"))) {
      return 0;
    }
    try {
      return Files.size(LocalFileIO.toPath(location));
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot read %s: %s", location, e.getMessage());
    }
  }
}
