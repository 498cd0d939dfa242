package dev.lagoa.models.materialize;

import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * {@code write_mode: overwrite_partitions}: every partition the new rows fall in is rewritten, with
 * its existing rows and the new ones (one row per unique key) or, without a unique key, with just
 * the new rows.
 */
record OverwritePartitionsWrite() implements TableWrite {
  @Override
  public PreparedWrite prepare(Input input) {
    Table table = TableWrite.evolved(input);
    List<DataFile> replaced =
        AffectedFiles.inTouchedPartitions(
            input.engine(), table, input.planned().base(), input.rows().kept());
    return new PreparedWrite(
        table, null, replaced, TableWrite.withReplacedRows(input, table, replaced), "");
  }
}
