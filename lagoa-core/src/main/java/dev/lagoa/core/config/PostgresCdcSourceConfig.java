package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL database whose tables are mirrored into lake tables by change data capture: an
 * initial snapshot, then every insert, update, delete and truncate, committed in micro-batches.
 *
 * @param url {@code jdbc:postgresql://host:port/database}; empty: Lagoa starts an embedded
 *     PostgreSQL whose data lives in {@code embeddedDataDirectory}
 * @param schema the source schema the tables live in
 * @param tables the tables to capture; empty: every table of {@code schema}
 * @param slot the logical replication slot (created when absent)
 * @param publication the publication of the captured tables (created when absent)
 * @param namespace the lake namespace the mirrored tables are created in, one per source table,
 *     named like it
 * @param batch when a micro-batch is committed
 * @param changeLog a lake table ({@code namespace.name}) receiving one row per change, or empty
 * @param buckets how many key buckets each mirrored table is split into (copy-on-write rewrites
 *     only the buckets a micro-batch touches)
 * @param withoutPrimaryKey what to do with a table that has no primary key
 */
public record PostgresCdcSourceConfig(
    String name,
    String url,
    String user,
    String password,
    String schema,
    List<String> tables,
    String slot,
    String publication,
    String namespace,
    CdcBatchOptions batch,
    Optional<String> changeLog,
    int buckets,
    WithoutPrimaryKey withoutPrimaryKey,
    Path embeddedDataDirectory)
    implements SourceConfig {

  /** What happens to a captured table without a primary key. */
  public enum WithoutPrimaryKey {
    /** Stop with an error naming the table. */
    REFUSE,
    /** Capture every change as a new row of the lake table (no updates or deletes applied). */
    APPEND_ONLY
  }

  public PostgresCdcSourceConfig {
    requireNonNull(name, "name is null");
    requireNonNull(url, "url is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(schema, "schema is null");
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    requireNonNull(slot, "slot is null");
    requireNonNull(publication, "publication is null");
    requireNonNull(namespace, "namespace is null");
    requireNonNull(batch, "batch is null");
    requireNonNull(changeLog, "changeLog is null");
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be positive: " + buckets);
    }
    requireNonNull(withoutPrimaryKey, "withoutPrimaryKey is null");
    requireNonNull(embeddedDataDirectory, "embeddedDataDirectory is null");
  }

  /** Whether Lagoa starts the database itself (no URL configured). */
  public boolean embedded() {
    return url.isBlank();
  }
}
