package dev.lagoa.cdc.postgres;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A captured table of the source and its primary key columns (empty: it has none). */
public record SourceTable(String schema, String name, List<String> primaryKey) {
  public SourceTable {
    requireNonNull(schema, "schema is null");
    requireNonNull(name, "name is null");
    primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
  }

  public String qualifiedName() {
    return schema + "." + name;
  }
}
