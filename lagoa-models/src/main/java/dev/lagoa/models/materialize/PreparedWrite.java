package dev.lagoa.models.materialize;

import static java.util.Objects.requireNonNull;

import dev.lagoa.iceberg.commit.TableReplacement;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;

/**
 * What a {@link TableWrite} decided: the files to write and the ones they replace, in one commit.
 *
 * @param table the table the new files are written for
 * @param replacement the new definition of the table when a full build changes its columns or
 *     partitioning (then {@code table} is the replacement's), null (the rare nullable) otherwise
 * @param replaced the table's data files the new ones replace
 * @param rows a DuckDB query over the rows to write, with the table's columns or fewer
 * @param note for people: what the write did beyond the usual, empty if nothing
 */
record PreparedWrite(
    Table table, TableReplacement replacement, List<DataFile> replaced, String rows, String note) {
  PreparedWrite {
    requireNonNull(table, "table is null");
    replaced = List.copyOf(requireNonNull(replaced, "replaced is null"));
    requireNonNull(rows, "rows is null");
    requireNonNull(note, "note is null");
  }
}
