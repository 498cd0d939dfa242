package dev.lagoa.models.project;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Where the tables of one source live, so that {@code {{ source('movielens', 'ratings') }}} reads
 * {@code bronze.ratings} today and {@code movielens_raw.ratings} once change data capture loads it,
 * without touching the models. A source nobody declares reads the namespace named like it.
 *
 * @param namespace the catalog namespace of the source's tables
 * @param tables tables whose catalog name differs from {@code namespace.table}: table → {@code
 *     ns.name}
 */
public record SourceDeclaration(String name, String namespace, Map<String, String> tables) {
  public SourceDeclaration {
    requireNonNull(name, "name is null");
    requireNonNull(namespace, "namespace is null");
    tables = Map.copyOf(requireNonNull(tables, "tables is null"));
  }

  /** The catalog table ({@code namespace.name}) of one of this source's tables. */
  public String catalogTable(String table) {
    return tables.getOrDefault(table, namespace + "." + table);
  }
}
