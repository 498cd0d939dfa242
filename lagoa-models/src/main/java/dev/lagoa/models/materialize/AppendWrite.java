package dev.lagoa.models.materialize;

import java.util.List;
import org.apache.iceberg.Table;

/**
 * {@code write_mode: append}: the new rows are added and no file is replaced; with a unique key,
 * deduplicated among themselves.
 */
record AppendWrite() implements TableWrite {
  @Override
  public PreparedWrite prepare(Input input) {
    Table table = TableWrite.evolved(input);
    return new PreparedWrite(
        table, null, List.of(), TableWrite.withReplacedRows(input, table, List.of()), "");
  }
}
