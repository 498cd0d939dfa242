package dev.lagoa.cdc.capture;

import dev.lagoa.cdc.postgres.PostgresEndpoint;
import dev.lagoa.cdc.postgres.SourceTable;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The Debezium engine settings of a source: one place, so every choice has its reason beside it.
 */
public final class DebeziumSettings {
  private DebeziumSettings() {}

  public static Properties of(
      PostgresCdcSourceConfig source,
      PostgresEndpoint endpoint,
      List<SourceTable> tables,
      String resumeOffset) {
    Properties p = new Properties();
    p.setProperty("name", "lagoa-" + source.name());
    p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    // Offsets live in the lake tables' commits; the store only hands the last one back.
    p.setProperty("offset.storage", LakeOffsetStore.class.getName());
    p.setProperty(LakeOffsetStore.RESUME_OFFSET, resumeOffset);
    // Lagoa decides when offsets are final (after its commit); flush them as soon as marked.
    p.setProperty("offset.flush.interval.ms", "0");
    p.setProperty("database.hostname", endpoint.host());
    p.setProperty("database.port", Integer.toString(endpoint.port()));
    p.setProperty("database.user", endpoint.user());
    p.setProperty("database.password", endpoint.password());
    p.setProperty("database.dbname", endpoint.database());
    p.setProperty("topic.prefix", "lagoa_" + source.name().replaceAll("[^A-Za-z0-9_]", "_"));
    p.setProperty("plugin.name", "pgoutput");
    p.setProperty("slot.name", source.slot());
    p.setProperty("publication.name", source.publication());
    p.setProperty("publication.autocreate.mode", "filtered");
    p.setProperty(
        "table.include.list",
        tables.stream()
            .map(t -> java.util.regex.Pattern.quote(t.qualifiedName()))
            .collect(Collectors.joining(",")));
    p.setProperty("snapshot.mode", "initial");
    // Truncates are changes a mirror must apply; Debezium skips them unless told otherwise.
    p.setProperty("skipped.operations", "none");
    p.setProperty("tombstones.on.delete", "false");
    p.setProperty("decimal.handling.mode", "precise");
    p.setProperty("time.precision.mode", "adaptive_time_microseconds");
    // A short poll keeps source-commit-to-lake latency in milliseconds (default 500 ms).
    p.setProperty("poll.interval.ms", "10");
    p.setProperty("max.batch.size", "4096");
    p.setProperty("max.queue.size", "16384");
    p.setProperty("errors.max.retries", "0");
    p.setProperty("status.update.interval.ms", "1000");
    return p;
  }
}
