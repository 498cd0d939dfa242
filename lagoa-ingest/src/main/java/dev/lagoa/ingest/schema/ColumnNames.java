package dev.lagoa.ingest.schema;

import java.util.Locale;
import java.util.Set;

/**
 * Which column a record's key fills. DuckDB and Iceberg compare names without regard to case (in
 * different ways), and Iceberg reads a dot as a path separator, so two keys name the same column
 * when they are equal after replacing dots with underscores and ignoring case: {@code Name}, {@code
 * name} and {@code NAME} fill one column, spelled as first seen; {@code a.b} fills the column
 * {@code a_b}, never the nested field {@code b} of {@code a}. (CSV headers keep their dots: a CSV
 * record is flat, so no nested path can collide with them.)
 */
public final class ColumnNames {
  private static final Set<String> METADATA =
      Set.of("_source_file", "_line", "_ingested_at", "_rescued_data");

  private ColumnNames() {}

  /** The column a new key creates: the key with dots replaced by underscores. */
  public static String columnName(String key) {
    return key.indexOf('.') < 0 ? key : key.replace('.', '_');
  }

  /** Equal for two keys exactly when they fill the same column. */
  public static String matchKey(String key) {
    return columnName(key).toLowerCase(Locale.ROOT);
  }

  /** Whether a key can name a column at all: not empty and free of control characters. */
  public static boolean usable(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) < 0x20 || key.charAt(i) == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a top-level key collides with a column Lagoa fills itself ({@code _source_file}, {@code
   * _line}, {@code _ingested_at}, {@code _rescued_data}) or with the staging step's own tags.
   */
  public static boolean reserved(String key) {
    String match = matchKey(key);
    return METADATA.contains(match) || match.startsWith("__lagoa_");
  }
}
