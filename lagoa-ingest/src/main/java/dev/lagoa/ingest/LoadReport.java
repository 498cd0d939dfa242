package dev.lagoa.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one load of a {@code files} source did.
 *
 * @param filesLoaded files consumed by this load (including empty and fully quarantined ones)
 * @param filesSkipped files consumed by earlier loads and unchanged since
 * @param filesChanged files consumed earlier whose size or modification time changed since:
 *     reported, never read again
 * @param filesVanished files that disappeared between discovery and reading; not consumed
 * @param snapshots the snapshots this load committed to the table, oldest first
 * @param rescuedFields for each field (dotted path) with values kept in {@code _rescued_data}, in
 *     how many rows: a field the table types differently than the data, shown where it matters
 * @param rowsOutOfRange rescued rows holding a number beyond long's or double's range ({@code
 *     99999999999999999999}, {@code 1e400}), kept with all its digits in {@code _rescued_data}
 */
public record LoadReport(
    String source,
    String table,
    int filesLoaded,
    int filesSkipped,
    List<String> filesChanged,
    List<String> filesVanished,
    long rowsLoaded,
    long rowsRescued,
    long rowsQuarantined,
    List<String> columnsAdded,
    List<Long> snapshots,
    int quarantineCommitsRecovered,
    Map<String, Long> rescuedFields,
    long rowsOutOfRange) {
  public LoadReport {
    requireNonNull(source, "source is null");
    requireNonNull(table, "table is null");
    filesChanged = List.copyOf(filesChanged);
    filesVanished = List.copyOf(filesVanished);
    columnsAdded = List.copyOf(columnsAdded);
    snapshots = List.copyOf(snapshots);
    rescuedFields = Collections.unmodifiableMap(new TreeMap<>(rescuedFields));
  }
}
