package dev.lagoa.models.materialize;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * {@code write_mode: merge}: the data files that may hold one of the new rows' unique keys (by
 * Iceberg's column bounds) are rewritten with their rows and the new ones, one row per key.
 */
record MergeWrite() implements TableWrite {
  @Override
  public PreparedWrite prepare(Input input) {
    Table table = TableWrite.evolved(input);
    List<DataFile> replaced =
        AffectedFiles.holdingKeys(
            input.engine(),
            table,
            input.planned().base(),
            input.rows().kept(),
            input.config().uniqueKey());
    return new PreparedWrite(
        table, null, replaced, TableWrite.withReplacedRows(input, table, replaced), "");
  }
}
