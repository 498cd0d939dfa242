package dev.lagoa.core.config;

/** Where a field is looked up. */
public enum SourceFieldScope {
  /** Inside each row: a row element, a JSON row object, a CSV line. */
  ROW,
  /**
   * Once per page, copied to every row of it: the whole HTML document, the JSON document's root, or
   * the lines above a CSV file's header.
   */
  PAGE,
  /** The landing file's path, relative to its landing directory ({@code files} sources only). */
  FILE
}
